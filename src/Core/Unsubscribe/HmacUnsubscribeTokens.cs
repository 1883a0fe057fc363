using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;

namespace Outreach.Core.Unsubscribe;

/// <summary>
/// Unsubscribe tokens as base64url of <c>version | category | SHA-256 of the address | district length | district | MAC</c>,
/// where MAC is HMAC-SHA256 under the signing key over a purpose label and everything before it. The address itself is
/// never in the link (only its hash), and changing any byte (district, category, hash, version) breaks the MAC, so a
/// link cannot be forged or widened from one category or district to another.
/// </summary>
internal sealed class HmacUnsubscribeTokens : IUnsubscribeTokens
{
    /// <summary>The route of the public unsubscribe endpoints (Outreach.Functions maps GET and POST there and reads <c>token</c>).</summary>
    internal const string Route = "/api/public/unsubscribe";

    private const byte Version = 1;
    private const int HashLength = 32;
    private const int MacLength = 32;
    private const int MaxDistrictLength = 63;
    private const int HeaderLength = 1 + 1 + HashLength + 1;

    // Binds the MAC to this use of the key, so that a MAC made with the same secret for something else is never a valid token.
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("outreach-unsubscribe-token");

    private readonly byte[] signingKey;
    private readonly byte[][] verificationKeys;
    private readonly string linkPrefix;

    public HmacUnsubscribeTokens(IOptions<UnsubscribeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        signingKey = Encoding.UTF8.GetBytes(value.SigningKey);
        verificationKeys = [signingKey, .. value.PreviousSigningKeys.Select(Encoding.UTF8.GetBytes)];
        linkPrefix = value.PublicBaseUrl.TrimEnd('/') + Route + "?token=";
    }

    public string CreateToken(string district, string email, OptOutCategory category)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(district);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        if (!Enum.IsDefined(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown opt-out category.");
        }

        var code = district.Trim().ToLowerInvariant();
        if (code.Length > MaxDistrictLength || !IsDistrictCode(Encoding.ASCII.GetBytes(code)))
        {
            throw new ArgumentException("A district code is lower-case letters, digits and hyphens.", nameof(district));
        }

        var token = new byte[HeaderLength + code.Length + MacLength];
        token[0] = Version;
        token[1] = (byte)category;
        Convert.FromHexString(EmailAddresses.Hash(email)).CopyTo(token, 2);
        token[HeaderLength - 1] = (byte)code.Length;
        Encoding.ASCII.GetBytes(code).CopyTo(token, HeaderLength);
        var payloadLength = token.Length - MacLength;
        ComputeMac(signingKey, token.AsSpan(0, payloadLength), token.AsSpan(payloadLength));
        return Base64Url.EncodeToString(token);
    }

    public Uri CreateLink(string district, string email, OptOutCategory category) =>
        new(linkPrefix + CreateToken(district, email, category), UriKind.Absolute);

    public UnsubscribeClaim? Verify(string? token)
    {
        const int MaxTokenChars = (HeaderLength + MaxDistrictLength + MacLength + 2) / 3 * 4;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenChars)
        {
            return null;
        }

        // IsValid first: the decoder throws on characters outside the alphabet, and a link is user input.
        var characters = token.AsSpan().Trim();
        if (!Base64Url.IsValid(characters, out var decodedLength) || decodedLength < HeaderLength + 1 + MacLength)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[MaxTokenChars];
        if (!Base64Url.TryDecodeFromChars(characters, bytes, out var length))
        {
            return null;
        }

        bytes = bytes[..length];
        var payload = bytes[..^MacLength];
        var mac = bytes[^MacLength..];
        if (!MacMatchesAnyKey(payload, mac))
        {
            return null;
        }

        // Authentic from here on; the checks below keep a token of a future or broken format from being misread.
        var category = (OptOutCategory)payload[1];
        var districtBytes = payload[HeaderLength..];
        if (payload[0] != Version || !Enum.IsDefined(category) || payload[HeaderLength - 1] != districtBytes.Length || !IsDistrictCode(districtBytes))
        {
            return null;
        }

        return new UnsubscribeClaim(Encoding.ASCII.GetString(districtBytes), Convert.ToHexStringLower(payload[2..(2 + HashLength)]), category);
    }

    private bool MacMatchesAnyKey(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> mac)
    {
        Span<byte> expected = stackalloc byte[MacLength];
        var matched = false;

        // Every key is tried even after a match, so the time taken does not tell which key (if any) signed the token.
        foreach (var key in verificationKeys)
        {
            ComputeMac(key, payload, expected);
            matched |= CryptographicOperations.FixedTimeEquals(expected, mac);
        }

        return matched;
    }

    private static void ComputeMac(byte[] key, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
        hmac.AppendData(Purpose);
        hmac.AppendData(payload);
        hmac.GetHashAndReset(destination);
    }

    private static bool IsDistrictCode(ReadOnlySpan<byte> code)
    {
        if (code.IsEmpty)
        {
            return false;
        }

        foreach (var character in code)
        {
            if (character is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-'))
            {
                return false;
            }
        }

        return true;
    }
}
