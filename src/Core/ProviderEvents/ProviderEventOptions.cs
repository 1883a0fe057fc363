namespace Outreach.Core.ProviderEvents;

/// <summary>The Event Webhook settings, under <c>Outreach:SendGrid</c> beside the sending settings.</summary>
public sealed class ProviderEventOptions
{
    /// <summary>The configuration section (shared with the SendGrid sending options).</summary>
    public const string Section = "Outreach:SendGrid";

    /// <summary>The largest webhook body accepted (SendGrid batches stay under 768 KB).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// The Signed Event Webhook's public key as SendGrid shows it: base64 of the DER SubjectPublicKeyInfo of a P-256 key
    /// (<c>MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE…</c>). Empty means the webhook refuses every request.
    /// </summary>
    public string WebhookPublicKey { get; set; } = "";

    /// <summary>How old a signed timestamp may be, in minutes (1 to 60).</summary>
    public int WebhookMaxAgeMinutes { get; set; } = 10;
}
