using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outreach.Testing.SendGrid;

/// <summary>Plays SendGrid's Signed Event Webhook: a P-256 key pair made for the test, and signatures as SendGrid makes them.</summary>
public sealed class WebhookSigner : IDisposable
{
    private readonly ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key as SendGrid shows it (base64 DER SubjectPublicKeyInfo): the value of <c>Outreach:SendGrid:WebhookPublicKey</c>.</summary>
    public string PublicKey => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>The timestamp header for <paramref name="at"/> (Unix seconds).</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The signature header: base64 DER ECDSA/SHA-256 over UTF-8(timestamp) followed by the body bytes.</summary>
    public string Sign(string timestamp, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(body);
        byte[] signed = [.. Encoding.UTF8.GetBytes(timestamp), .. body];
        return Convert.ToBase64String(key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    /// <inheritdoc />
    public void Dispose() => key.Dispose();
}
