namespace Outreach.Core.Privacy;

/// <summary>
/// Erasure's delete of one campaign delivery row (the rows are found by
/// <see cref="CampaignSending.ICampaignBatchStore.ListForRecipientAsync"/>). A port of its own, so the sending
/// side's store and its test doubles stay as they are.
/// </summary>
internal interface ICampaignDeliveryErasure
{
    /// <summary>Deletes one delivery row; false when it was gone. The batch's counts are aggregates and stay.</summary>
    Task<bool> DeleteDeliveryAsync(string campaignId, int number, string recipientKey, CancellationToken cancellationToken);
}
