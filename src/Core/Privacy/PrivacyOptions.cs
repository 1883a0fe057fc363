namespace Outreach.Core.Privacy;

/// <summary>Data protection settings, under <c>Outreach:Privacy</c>; validated at start.</summary>
public sealed class PrivacyOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Privacy";

    /// <summary>The shortest hash key accepted (32 characters: 256 bits of a random key in hex or base64 and more).</summary>
    public const int MinHashKeyLength = 32;

    /// <summary>
    /// The secret key of the keyed hash (HMAC-SHA256) that is all an erasure keeps of an address. Without it an erased
    /// address could not be recognised at send time; whoever reads the table without it cannot test guesses against it.
    /// </summary>
    public string HashKey { get; set; } = "";
}
