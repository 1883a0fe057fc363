namespace Outreach.Functions.Http;

/// <summary>The rate limit of the public endpoints (<c>Outreach:PublicRateLimit</c>), per client address.</summary>
public sealed class PublicRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:PublicRateLimit";

    /// <summary>The most permits a setting may give (far above what one person or SendGrid needs).</summary>
    public const int MaxPermitsPerMinute = 100_000;

    /// <summary>
    /// Calls one client address may make per minute (fixed window) to the public functions together; default 120, enough
    /// for SendGrid's webhook batches from one address and for a person's clicks, not for a scan.
    /// </summary>
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>What start-up says about an unusable setting.</summary>
    public const string InvalidMessage = Section + ":PermitsPerMinute must be between 1 and 100000.";

    /// <summary>Whether the setting is usable (1 to <see cref="MaxPermitsPerMinute"/>).</summary>
    public bool IsValid => PermitsPerMinute is >= 1 and <= MaxPermitsPerMinute;
}
