namespace Outreach.Core.ProviderEvents;

/// <summary>What the webhook's signature check found.</summary>
public enum SignatureCheck
{
    /// <summary>Signed by SendGrid's key, recently: the body may be applied.</summary>
    Valid = 0,

    /// <summary>The signature or timestamp header is missing (or no key is configured).</summary>
    Missing = 1,

    /// <summary>The signature does not match the timestamp and body (forged or altered), or is not one.</summary>
    Invalid = 2,

    /// <summary>The timestamp is older than allowed, or too far in the future, or not a number.</summary>
    Stale = 3,

    /// <summary>The body is larger than <see cref="ProviderEventOptions.MaxBodyBytes"/>.</summary>
    TooLarge = 4,
}
