namespace Outreach.Core.CampaignSending;

/// <summary>
/// The frozen batches of campaigns and the per-recipient outcomes. Each batch's deliveries share a partition, so they
/// are written in transactions of up to 100.
/// </summary>
internal interface ICampaignBatchStore
{
    /// <summary>Stores the frozen batches of a campaign (replacing any left by an interrupted planning), grouped into as few writes as the service allows.</summary>
    Task FreezeAsync(string campaignId, IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken);

    /// <summary>Deletes every batch and delivery of a campaign that is being planned again or was never sent.</summary>
    Task DeleteAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>One batch with its recipients, or null.</summary>
    Task<CampaignBatch?> GetAsync(string campaignId, int number, CancellationToken cancellationToken);

    /// <summary>
    /// One batch without its recipients (status, counts, version), or null: a cheap read for checking whether a
    /// campaign is complete.
    /// </summary>
    Task<CampaignBatch?> GetSummaryAsync(string campaignId, int number, CancellationToken cancellationToken);

    /// <summary>Every batch of a campaign without its recipients (status and counts), in number order.</summary>
    Task<IReadOnlyList<CampaignBatch>> ListAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>Claims a <see cref="CampaignBatchStatus.Planned"/> batch (to <see cref="CampaignBatchStatus.Sending"/>) if nobody changed it since it was read; false when somebody did.</summary>
    Task<bool> TryClaimAsync(CampaignBatch batch, CancellationToken cancellationToken);

    /// <summary>Gives a claim back (to <see cref="CampaignBatchStatus.Planned"/>) when the request certainly did not go out.</summary>
    Task ReleaseAsync(CampaignBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome: first the delivery rows (transactions of up to 100, idempotent), then the batch's status and
    /// counts (conditional on its version; false when somebody changed it).
    /// </summary>
    Task<bool> RecordAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Records a redelivery's mark on a batch it found <see cref="CampaignBatchStatus.Sending"/> without delivery rows:
    /// like <see cref="RecordAsync"/>, but a row is only added where none exists, never over a row the live attempt
    /// wrote after the mark's read. False when such a row exists or somebody changed the batch: the live attempt's
    /// answer was recorded meanwhile and stands.
    /// </summary>
    Task<bool> MarkAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>The delivery rows of one batch written so far.</summary>
    Task<IReadOnlyList<CampaignDelivery>> ListDeliveriesAsync(string campaignId, int number, CancellationToken cancellationToken);

    /// <summary>Every campaign delivery to one address (export and erasure), by the recipient key.</summary>
    Task<IReadOnlyList<CampaignDelivery>> ListForRecipientAsync(string recipientKey, CancellationToken cancellationToken);
}
