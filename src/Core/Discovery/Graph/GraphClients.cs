using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;

namespace Outreach.Core.Discovery.Graph;

/// <summary>Builds the <see cref="GraphServiceClient"/> the Graph and SharePoint sources use.</summary>
/// <remarks>
/// We use the SDK's GraphServiceClient rather than a hand-written HttpClient: it is proven against a loopback fake (it
/// follows nextLink/deltaLink URLs verbatim, so the fake returns links to itself), its typed models parse Graph's shapes,
/// and <see cref="GraphClientFactory"/> brings the retry handler that honours Retry-After on 429/503/504. The base URL is
/// configuration, so national clouds and the test fake need no other code path.
/// </remarks>
public static class GraphClients
{
    /// <summary>Creates a client for <paramref name="options"/> with a client-secret or managed-identity credential.</summary>
    public static GraphServiceClient Create(GraphConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUri = new Uri(options.BaseUrl);
        TokenCredential credential = !string.IsNullOrWhiteSpace(options.ClientSecret)
            ? new ClientSecretCredential(options.TenantId, options.ClientId, options.ClientSecret)
            : new ManagedIdentityCredential(string.IsNullOrWhiteSpace(options.ClientId)
                ? ManagedIdentityId.SystemAssigned
                : ManagedIdentityId.FromUserAssignedClientId(options.ClientId));

        // The token is only sent to the configured Graph host; the scope follows the host (national clouds).
        var authentication = new AzureIdentityAuthenticationProvider(
            credential,
            [baseUri.Host],
            null,
            true,
            $"{baseUri.Scheme}://{baseUri.Authority}/.default");
        return new GraphServiceClient(GraphClientFactory.Create(), authentication, options.BaseUrl.TrimEnd('/'));
    }
}
