namespace Outreach.Core.CampaignSending;

/// <summary>The outcome for one recipient of one batch; written in transactions of up to 100 after the request.</summary>
public sealed record CampaignDelivery
{
    /// <summary>The campaign.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The batch.</summary>
    public required int BatchNumber { get; init; }

    /// <summary>The recipient's key (<see cref="CampaignRecipient.Key"/>).</summary>
    public required string RecipientKey { get; init; }

    /// <summary>What happened.</summary>
    public required CampaignDeliveryStatus Status { get; init; }

    /// <summary>When (UTC).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The provider's id of the request, or null.</summary>
    public string? ProviderMessageId { get; init; }

    /// <summary>Why (suppressed, opted out, refused), without personal data; or null.</summary>
    public string? Detail { get; init; }

    /// <summary>The key that travels with the mail (SendGrid custom_args <c>delivery_key</c>) and comes back in provider events.</summary>
    public string DeliveryKey => Key(CampaignId, BatchNumber, RecipientKey);

    /// <summary>The delivery key of one recipient: <c>campaign:{campaignId}:{batch}:{recipientKey}</c>.</summary>
    public static string Key(string campaignId, int batchNumber, string recipientKey) =>
        FormattableString.Invariant($"campaign:{campaignId}:{batchNumber}:{recipientKey}");
}
