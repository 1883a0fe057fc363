namespace Outreach.Core.CampaignSending;

/// <summary>Queue item (<c>campaign-batches</c>): send one frozen batch.</summary>
/// <param name="CampaignId">The campaign.</param>
/// <param name="BatchNumber">The batch.</param>
public sealed record CampaignBatchWorkItem(string CampaignId, int BatchNumber);
