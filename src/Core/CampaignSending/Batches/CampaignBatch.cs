using Outreach.Core.Campaigns;

namespace Outreach.Core.CampaignSending;

/// <summary>
/// Up to <see cref="MaxRecipients"/> recipients of one variant, frozen at planning: one provider request. Claimed with
/// optimistic concurrency before the request, so a redelivered work item never sends it twice.
/// </summary>
public sealed class CampaignBatch
{
    /// <summary>SendGrid's limit of recipients (personalizations) per request.</summary>
    public const int MaxRecipients = 1000;

    /// <summary>The campaign.</summary>
    public required string CampaignId { get; init; }

    /// <summary>The batch's number within the campaign, from 0.</summary>
    public required int Number { get; init; }

    /// <summary>The variant every recipient of the batch gets (see <see cref="CampaignRendering.CampaignVariant"/>).</summary>
    public required string Variant { get; init; }

    /// <summary>The frozen recipients.</summary>
    public required IReadOnlyList<CampaignRecipient> Recipients { get; init; }

    /// <summary>Where the batch is.</summary>
    public CampaignBatchStatus Status { get; set; }

    /// <summary>When a worker claimed it, or null.</summary>
    public DateTimeOffset? ClaimedAt { get; set; }

    /// <summary>When its outcome was recorded, or null.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The provider's id of the request (SendGrid's <c>X-Message-Id</c>), or null.</summary>
    public string? ProviderMessageId { get; set; }

    /// <summary>The batch's counts once it has an outcome (<see cref="CampaignCounts.Planned"/> is its size).</summary>
    public CampaignCounts Counts { get; set; } = CampaignCounts.None;

    /// <summary>Why it failed or is unknown (no personal data), or null.</summary>
    public string? Detail { get; set; }

    /// <summary>The stored version this copy was read at (opaque), or null before it is stored.</summary>
    public string? Version { get; set; }
}
