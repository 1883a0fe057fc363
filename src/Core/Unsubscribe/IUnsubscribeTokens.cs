namespace Outreach.Core.Unsubscribe;

/// <summary>
/// Creates and verifies personal unsubscribe links: an HMAC-SHA256 token (key <c>Outreach:Unsubscribe:SigningKey</c>)
/// over district, address hash and category, under <c>Outreach:PublicBaseUrl</c>. A token cannot be forged or widened.
/// </summary>
public interface IUnsubscribeTokens
{
    /// <summary>The token for one person and category.</summary>
    string CreateToken(string district, string email, OptOutCategory category);

    /// <summary>The personal link (<c>{PublicBaseUrl}/api/public/unsubscribe?token=…</c>).</summary>
    Uri CreateLink(string district, string email, OptOutCategory category);

    /// <summary>Returns the claim of a valid token, or null for a forged, altered or malformed one.</summary>
    UnsubscribeClaim? Verify(string? token);
}
