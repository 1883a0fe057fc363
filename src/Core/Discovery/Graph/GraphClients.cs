using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace Outreach.Core.Discovery.Graph;

/// <summary>Builds the <see cref="GraphServiceClient"/> and the credential the Graph and SharePoint sources use.</summary>
/// <remarks>
/// We use the SDK's GraphServiceClient rather than hand-written requests: it follows nextLink/deltaLink URLs verbatim
/// (so a loopback fake returns links to itself) and its typed models parse Graph's shapes. The HttpClient comes from
/// IHttpClientFactory with Graph's middleware and our resilience pipeline (<see cref="GraphHttpPipeline"/>). The base
/// URL is configuration, so national clouds and the test fake need no other code path.
/// </remarks>
public static class GraphClients
{
    /// <summary>
    /// The credential for <paramref name="options"/>: a <see cref="ClientSecretCredential"/> when a secret is configured;
    /// else a user-assigned <see cref="ManagedIdentityCredential"/> when a client id is; else the app's own
    /// <paramref name="appCredential"/> when it registered one; else <see cref="DefaultAzureCredential"/> (the system-assigned
    /// managed identity in Azure, the developer's Azure CLI or Visual Studio sign-in locally).
    /// </summary>
    public static TokenCredential CreateCredential(GraphConnectionOptions options, TokenCredential? appCredential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret);
        }

        if (!string.IsNullOrWhiteSpace(options.ClientId))
        {
            return new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(options.ClientId));
        }

        return appCredential ?? new DefaultAzureCredential();
    }

    /// <summary>Creates a client for <paramref name="options"/> that sends its requests through <paramref name="httpClient"/>.</summary>
    public static GraphServiceClient Create(GraphConnectionOptions options, HttpClient httpClient, TokenCredential credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(credential);
        var baseUri = new Uri(options.BaseUrl);

        // The token is only sent to the configured Graph host; the scope follows the host (national clouds).
        var authentication = new AzureIdentityAuthenticationProvider(
            credential,
            [baseUri.Host],
            null,
            true,
            $"{baseUri.Scheme}://{baseUri.Authority}/.default");
        return new GraphServiceClient(httpClient, authentication, options.BaseUrl.TrimEnd('/'));
    }
}
