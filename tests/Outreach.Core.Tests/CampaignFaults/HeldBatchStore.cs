using Outreach.Core.CampaignSending;

namespace Outreach.Core.Tests.CampaignFaults;

/// <summary>The table batch store, with a <see cref="Hold"/> in front of recording an outcome (a slow write).</summary>
internal sealed class HeldBatchStore(ICampaignBatchStore inner, Hold hold) : ICampaignBatchStore
{
    public Task FreezeAsync(string campaignId, IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken) => inner.FreezeAsync(campaignId, batches, cancellationToken);

    public Task DeleteAsync(string campaignId, CancellationToken cancellationToken) => inner.DeleteAsync(campaignId, cancellationToken);

    public Task<CampaignBatch?> GetAsync(string campaignId, int number, CancellationToken cancellationToken) => inner.GetAsync(campaignId, number, cancellationToken);

    public Task<CampaignBatch?> GetSummaryAsync(string campaignId, int number, CancellationToken cancellationToken) => inner.GetSummaryAsync(campaignId, number, cancellationToken);

    public Task<IReadOnlyList<CampaignBatch>> ListAsync(string campaignId, CancellationToken cancellationToken) => inner.ListAsync(campaignId, cancellationToken);

    public Task<bool> TryClaimAsync(CampaignBatch batch, CancellationToken cancellationToken) => inner.TryClaimAsync(batch, cancellationToken);

    public Task ReleaseAsync(CampaignBatch batch, CancellationToken cancellationToken) => inner.ReleaseAsync(batch, cancellationToken);

    public async Task<bool> RecordAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, CancellationToken cancellationToken)
    {
        await hold.PassAsync();
        return await inner.RecordAsync(batch, deliveries, cancellationToken);
    }

    public async Task<bool> MarkAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, CancellationToken cancellationToken)
    {
        await hold.PassAsync();
        return await inner.MarkAsync(batch, deliveries, cancellationToken);
    }

    public Task<IReadOnlyList<CampaignDelivery>> ListDeliveriesAsync(string campaignId, int number, CancellationToken cancellationToken) => inner.ListDeliveriesAsync(campaignId, number, cancellationToken);

    public Task<IReadOnlyList<CampaignDelivery>> ListForRecipientAsync(string recipientKey, CancellationToken cancellationToken) => inner.ListForRecipientAsync(recipientKey, cancellationToken);
}
