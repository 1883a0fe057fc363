namespace Outreach.Core.Discovery.Graph;

/// <summary>
/// How to reach Microsoft Graph: the tenant and app registration (client secret) or a managed identity, the base URL
/// (national clouds, or a loopback fake in tests) and the retry bound for throttling.
/// </summary>
public abstract class GraphConnectionOptions
{
    /// <summary>The default Graph endpoint.</summary>
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>Whether the source is used.</summary>
    public bool Enabled { get; set; }

    /// <summary>Entra tenant id; required with <see cref="ClientSecret"/>.</summary>
    public string? TenantId { get; set; }

    /// <summary>App registration's client id with <see cref="ClientSecret"/>, or a user-assigned managed identity's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Client secret (from Key Vault in Azure). When blank, the managed identity is used.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Graph base URL including the version segment, e.g. <c>https://graph.microsoft.us/v1.0</c>.</summary>
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>
    /// How many times a failed request is retried (0–10): throttled (429, honouring Retry-After), a server error, a timed-out
    /// attempt or a lost connection. See <see cref="GraphHttpPipeline"/>.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Problems with the connection settings, empty when they are usable.</summary>
    public virtual IEnumerable<string> Validate(string section)
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUri) || (baseUri.Scheme != Uri.UriSchemeHttps && !baseUri.IsLoopback))
        {
            yield return $"{section}:BaseUrl must be an absolute https URL (http only for loopback).";
        }

        if (!string.IsNullOrWhiteSpace(ClientSecret) && (string.IsNullOrWhiteSpace(TenantId) || string.IsNullOrWhiteSpace(ClientId)))
        {
            yield return $"{section}:TenantId and {section}:ClientId are required with {section}:ClientSecret.";
        }

        if (MaxRetries is < 0 or > 10)
        {
            yield return $"{section}:MaxRetries must be between 0 and 10.";
        }
    }
}
