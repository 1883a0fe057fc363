namespace Outreach.Core.Unsubscribe;

/// <summary>The unsubscribe link's signing keys (<c>Outreach:Unsubscribe</c>) and where the link points (<c>Outreach:PublicBaseUrl</c>).</summary>
public sealed class UnsubscribeOptions
{
    /// <summary>Configuration section of the keys.</summary>
    public const string Section = "Outreach:Unsubscribe";

    /// <summary>Configuration key of the public base URL.</summary>
    public const string PublicBaseUrlKey = "Outreach:PublicBaseUrl";

    /// <summary>Shortest accepted key, in characters: a key shorter than the MAC adds guessable strength only.</summary>
    public const int MinimumKeyLength = 32;

    /// <summary>The secret that signs new links (a Key Vault reference in Azure); at least <see cref="MinimumKeyLength"/> characters.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>
    /// Keys that signed links in the past. Links they signed still verify, so that rotating <see cref="SigningKey"/> does
    /// not break the unsubscribe link in letters already sent; new links are always signed with <see cref="SigningKey"/>.
    /// </summary>
    public IList<string> PreviousSigningKeys { get; } = new List<string>();

    /// <summary>The public address of the app, e.g. <c>http://localhost:7071</c>; links point to <c>{PublicBaseUrl}/api/public/unsubscribe</c>.</summary>
    public string PublicBaseUrl { get; set; } = "";
}
