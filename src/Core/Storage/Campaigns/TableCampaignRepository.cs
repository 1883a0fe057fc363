using Azure;
using Azure.Data.Tables;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="ICampaignRepository"/> on the <c>campaigns</c> table (layout: <see cref="CampaignTableEntity"/>). Writes of
/// a campaign read earlier carry the ETag it was read at, so two staff members (or staff and the planner) never
/// overwrite each other's change.
/// </summary>
internal sealed class TableCampaignRepository : ICampaignRepository
{
    private readonly TableClient table;

    public TableCampaignRepository(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.CampaignsTable);
    }

    public async Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!IsUsableKey(campaignId))
        {
            // A key Azure would refuse names no stored campaign.
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(CampaignTableEntity.Partition, campaignId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? CampaignTableEntity.ToCampaign(response.Value!) : null;
    }

    public Task<IReadOnlyList<Campaign>> ListAsync(string? district, CampaignKind? kind, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CampaignTableEntity.Partition}");
        if (district is not null)
        {
            filter += " and " + TableClient.CreateQueryFilter($"District eq {district}");
        }

        if (kind is { } wanted)
        {
            filter += " and " + TableClient.CreateQueryFilter($"Kind eq {wanted.ToString()}");
        }

        return QueryAsync(filter, cancellationToken);
    }

    public Task<IReadOnlyList<Campaign>> ListByStatusAsync(CampaignStatus status, CancellationToken cancellationToken) =>
        QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {CampaignTableEntity.Partition} and Status eq {status.ToString()}"), cancellationToken);

    public async Task AddAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var entity = CampaignTableEntity.From(campaign);
        CampaignTableEntity.Check(entity, campaign);
        try
        {
            var response = await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            campaign.Version = response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            throw new CampaignRuleException("exists", $"A campaign with the id {campaign.Id} exists already.");
        }
    }

    public async Task UpdateAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var entity = CampaignTableEntity.From(campaign);
        CampaignTableEntity.Check(entity, campaign);
        // Without a version the campaign was not read from here; it may only replace one that exists.
        var etag = campaign.Version is null ? ETag.All : new ETag(campaign.Version);
        try
        {
            var response = await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            campaign.Version = response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException($"Campaign {campaign.Id} changed (or was deleted) since it was read.", exception);
        }
    }

    public async Task<bool> DeleteAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (!IsUsableKey(campaignId))
        {
            return false;
        }

        // The SDK answers a missing entity with its 404 response rather than an exception.
        var response = await table.DeleteEntityAsync(CampaignTableEntity.Partition, campaignId, ETag.All, cancellationToken).ConfigureAwait(false);
        return response.Status != 404;
    }

    private async Task<IReadOnlyList<Campaign>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        var result = new List<Campaign>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(CampaignTableEntity.ToCampaign(entity));
        }

        // Rows come in id order, which is random; staff want the newest first.
        return result.OrderByDescending(campaign => campaign.CreatedAt).ThenBy(campaign => campaign.Id, StringComparer.Ordinal).ToList();
    }

    private static bool IsUsableKey(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        try
        {
            StorageLimits.CheckKey(key, "key");
            return true;
        }
        catch (StorageLimitException)
        {
            return false;
        }
    }
}
