using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Outreach.Core.Storage;

/// <summary>Builds the Azure.Core pipeline shared by the Table and Queue clients.</summary>
internal static class StoragePipeline
{
    /// <summary>The scope of Azure Storage's data plane for Microsoft Entra tokens.</summary>
    public const string StorageScope = "https://storage.azure.com/.default";

    public static HttpPipeline Build(ClientOptions options, HttpPipelinePolicy authentication)
    {
        // Headers worth seeing in Azure.Core's logs; values of everything else are redacted. Query parameters stay
        // redacted too: filters and keys can carry personal data.
        foreach (var header in new[]
                 {
                     "x-ms-error-code", "x-ms-version", "ETag", "x-ms-continuation-NextPartitionKey",
                     "x-ms-continuation-NextRowKey", "x-ms-continuation-NextTableName", "x-ms-popreceipt",
                     "x-ms-time-next-visible", "x-ms-approximate-messages-count", "Preference-Applied",
                 })
        {
            options.Diagnostics.LoggedHeaderNames.Add(header);
        }

        var pipelineOptions = new HttpPipelineOptions(options)
        {
            ResponseClassifier = new ResponseClassifier(),
            RequestFailedDetailsParser = new StorageRequestFailedDetailsParser(),
        };
        pipelineOptions.PerRetryPolicies.Add(authentication);
        return HttpPipelineBuilder.Build(pipelineOptions);
    }

    public static HttpPipelinePolicy TokenPolicy(Uri endpoint, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        // Azure.Core would refuse later with a less helpful message; say it where the client is made.
        if (endpoint.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException("A TokenCredential can only be used with an https endpoint.", nameof(endpoint));
        }

        return new BearerTokenAuthenticationPolicy(credential, StorageScope);
    }

    /// <summary>Throws the pipeline's <see cref="RequestFailedException"/> unless the status is one of <paramref name="expected"/>.</summary>
    public static Response EnsureStatus(Response response, params int[] expected)
    {
        if (Array.IndexOf(expected, response.Status) < 0)
        {
            throw new RequestFailedException(response);
        }

        return response;
    }
}
