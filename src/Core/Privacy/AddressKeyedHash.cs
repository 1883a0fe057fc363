using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;

namespace Outreach.Core.Privacy;

/// <summary>
/// The keyed hash (HMAC-SHA256 with <see cref="PrivacyOptions.HashKey"/>) of a normalised address: what an erasure keeps.
/// Unlike the plain SHA-256 of <see cref="EmailAddresses.Hash"/>, nobody can test a guessed address against it without
/// the key.
/// </summary>
internal sealed class AddressKeyedHash
{
    private readonly byte[] key;

    public AddressKeyedHash(IOptions<PrivacyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        key = Encoding.UTF8.GetBytes(options.Value.HashKey);
    }

    /// <summary>Lower-case hex HMAC-SHA256 of the normalised address.</summary>
    public string Compute(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(EmailAddresses.Normalize(email))));
}
