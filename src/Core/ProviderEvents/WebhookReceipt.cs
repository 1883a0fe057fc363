namespace Outreach.Core.ProviderEvents;

/// <summary>What one webhook request did.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Signature">What the signature check found.</param>
/// <param name="Applied">Events applied now.</param>
/// <param name="Duplicates">Events applied before (SendGrid delivered them again), skipped.</param>
/// <param name="Unknown">Events of types we do not know, counted and otherwise ignored.</param>
public sealed record WebhookReceipt(WebhookStatus Status, SignatureCheck Signature, int Applied = 0, int Duplicates = 0, int Unknown = 0);
