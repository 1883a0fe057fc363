using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace Outreach.Core.Email;

/// <summary>
/// The one place that decides when two e-mail addresses are the same person's, and how an address is hashed for
/// suppression entries and unsubscribe tokens (so an erased person can still be recognised, never re-mailed).
/// </summary>
public static class EmailAddresses
{
    /// <summary>Trims and lower-cases (invariant) the address; the comparison key everywhere.</summary>
    public static string Normalize(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Trim().ToLowerInvariant();
    }

    /// <summary>True when <paramref name="address"/> is one plain address (no display name, one @, a dotted domain).</summary>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Trim().Length > 254)
        {
            return false;
        }

        var trimmed = address.Trim();
        if (!MailAddress.TryCreate(trimmed, out var parsed) || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal))
        {
            return false;
        }

        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    /// <summary>Lower-case hex SHA-256 of the normalised address: a stable key that does not reveal the address.</summary>
    public static string Hash(string address) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(address))));
}
