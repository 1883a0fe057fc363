namespace Outreach.Core.ProviderEvents;

/// <summary>How a webhook request ended.</summary>
public enum WebhookStatus
{
    /// <summary>Verified and applied (duplicates and unknown events included, skipped).</summary>
    Applied = 0,

    /// <summary>Not signed by SendGrid, altered, or stale: nothing changed.</summary>
    Refused = 1,

    /// <summary>Signed, but not a JSON array of event objects: nothing changed.</summary>
    Malformed = 2,

    /// <summary>Larger than <see cref="ProviderEventOptions.MaxBodyBytes"/>: nothing changed.</summary>
    TooLarge = 3,
}
