using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Outreach.Core.ProviderEvents;

/// <summary>
/// Checks SendGrid's Signed Event Webhook: an ECDSA P-256 / SHA-256 signature (base64 DER) over the UTF-8 timestamp
/// header followed by the raw body bytes, made with the key whose public half is <see cref="ProviderEventOptions.WebhookPublicKey"/>.
/// Stale or future timestamps are refused too, so that a captured request cannot be replayed later.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    /// <summary>The header with the base64 DER signature.</summary>
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";

    /// <summary>The header with the Unix seconds that were signed.</summary>
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    // SendGrid's clock and ours may disagree a little; a timestamp further ahead than this is not genuine.
    private static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    private readonly byte[]? publicKey;
    private readonly TimeSpan maxAge;
    private readonly TimeProvider time;

    /// <summary>Creates the verifier; without a configured key it refuses everything.</summary>
    public WebhookSignatureVerifier(IOptions<ProviderEventOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var key = string.IsNullOrWhiteSpace(options.Value.WebhookPublicKey) ? null : ImportKey(options.Value.WebhookPublicKey);
        publicKey = key?.ExportSubjectPublicKeyInfo();
        maxAge = TimeSpan.FromMinutes(options.Value.WebhookMaxAgeMinutes);
        this.time = time;
    }

    /// <summary>Checks one request: its two headers and its raw body, exactly as received.</summary>
    public SignatureCheck Check(string? signature, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (body.Length > ProviderEventOptions.MaxBodyBytes)
        {
            return SignatureCheck.TooLarge;
        }

        if (publicKey is null || string.IsNullOrWhiteSpace(signature) || string.IsNullOrWhiteSpace(timestamp))
        {
            return SignatureCheck.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return SignatureCheck.Stale;
        }

        var signedAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        var now = time.GetUtcNow();
        if (signedAt < now - maxAge || signedAt > now + MaxFutureSkew)
        {
            return SignatureCheck.Stale;
        }

        var signatureBytes = new byte[signature.Length];
        if (!Convert.TryFromBase64String(signature, signatureBytes, out var signatureLength))
        {
            return SignatureCheck.Invalid;
        }

        var timestampBytes = Encoding.UTF8.GetBytes(timestamp);
        var signed = new byte[timestampBytes.Length + body.Length];
        timestampBytes.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(timestampBytes.Length));

        using var ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(publicKey, out _);
        return ecdsa.VerifyData(signed, signatureBytes.AsSpan(0, signatureLength), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid;
    }

    /// <summary>The P-256 key of a base64 DER SubjectPublicKeyInfo, or null when it is not one.</summary>
    internal static ECDsa? ImportKey(string base64)
    {
        var der = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), der, out var length))
        {
            return null;
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(der.AsSpan(0, length), out var read);
            if (read != length || key.KeySize != 256)
            {
                key.Dispose();
                return null;
            }

            return key;
        }
        catch (CryptographicException)
        {
            key.Dispose();
            return null;
        }
    }
}
