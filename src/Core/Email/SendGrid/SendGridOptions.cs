namespace Outreach.Core.Email.SendGrid;

/// <summary>The SendGrid settings under <c>Outreach:SendGrid</c>.</summary>
public sealed class SendGridOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:SendGrid";

    /// <summary>The API key (a secret: from Key Vault in Azure, never logged). Required in SendGrid mode.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The API's base URL; <c>https://api.eu.sendgrid.com</c> for EU regional subusers.</summary>
    public string BaseUrl { get; set; } = "https://api.sendgrid.com";

    /// <summary>When true, SendGrid validates each request and answers 200 without delivering anything.</summary>
    public bool SandboxMode { get; set; }

    /// <summary>How long one request (each retry has its own) may take before its outcome is declared unknown, in seconds (1 to 300).</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How many times a request that provably did not reach SendGrid (answered 429, or no connection could be made) is
    /// tried again before giving up (0 to 10). The name predates the connection retries; it is kept so that deployed
    /// settings keep working.
    /// </summary>
    public int RateLimitRetries { get; set; } = 3;

    /// <summary>
    /// The longest wait before a retry, in seconds (1 to 300): it caps the backoff, and when a 429 asks for a longer wait
    /// the send gives up at once with the time to wait, so that the queue retries it later instead of a worker sleeping.
    /// </summary>
    public int MaxRetryDelaySeconds { get; set; } = 60;

    /// <summary>Every problem of these options, each naming its configuration key; empty when they are usable.</summary>
    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return $"{Section}:ApiKey is required when {MailOptions.Section}:Mode is SendGrid.";
        }

        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{Section}:BaseUrl must be an absolute http(s) URL, e.g. https://api.sendgrid.com.";
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            yield return $"{Section}:TimeoutSeconds must be between 1 and 300.";
        }

        if (RateLimitRetries is < 0 or > 10)
        {
            yield return $"{Section}:RateLimitRetries must be between 0 and 10.";
        }

        if (MaxRetryDelaySeconds is < 1 or > 300)
        {
            yield return $"{Section}:MaxRetryDelaySeconds must be between 1 and 300.";
        }
    }
}
