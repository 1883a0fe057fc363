namespace Outreach.Core.CampaignSending;

/// <summary>
/// The addresses excluded from one category of mail at one moment: plain hashes (<see cref="Email.EmailAddresses.Hash"/>)
/// of suppressed and opted-out addresses, and the keyed hashes of erased addresses, which only the keyed hash function
/// can match (an erasure keeps no plain hash).
/// </summary>
internal sealed class MailingExclusionSet
{
    private readonly IReadOnlySet<string> hashes;
    private readonly IReadOnlySet<string> erasedKeyedHashes;
    private readonly Func<string, string>? keyedHash;

    /// <param name="hashes">Plain hashes of suppressed and opted-out addresses.</param>
    /// <param name="erasedKeyedHashes">Keyed hashes of erased addresses.</param>
    /// <param name="keyedHash">The keyed hash of an address; required when <paramref name="erasedKeyedHashes"/> is not empty.</param>
    public MailingExclusionSet(IReadOnlySet<string> hashes, IReadOnlySet<string> erasedKeyedHashes, Func<string, string>? keyedHash)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        ArgumentNullException.ThrowIfNull(erasedKeyedHashes);
        if (erasedKeyedHashes.Count > 0 && keyedHash is null)
        {
            // Without the key an erased address could not be recognised, and it must never be mailed.
            throw new InvalidOperationException("Erased addresses are suppressed but no keyed hash is registered to recognise them.");
        }

        this.hashes = hashes;
        this.erasedKeyedHashes = erasedKeyedHashes;
        this.keyedHash = keyedHash;
    }

    /// <summary>Nobody is excluded.</summary>
    public static MailingExclusionSet None { get; } = new(new HashSet<string>(), new HashSet<string>(), null);

    /// <summary>How many entries the set holds (for logs).</summary>
    public int Count => hashes.Count + erasedKeyedHashes.Count;

    /// <summary>True when the address (with its plain hash <paramref name="key"/>) must not be mailed.</summary>
    public bool Excludes(string key, string email) =>
        hashes.Contains(key) || (erasedKeyedHashes.Count > 0 && erasedKeyedHashes.Contains(keyedHash!(email)));
}
