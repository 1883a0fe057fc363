using Azure.Data.Tables;
using Outreach.Bench.Measuring;
using Outreach.Core.Storage;

namespace Outreach.Bench.Runs;

/// <summary>
/// The campaign's delivery rows as stored (table <c>campaignbatches</c>: one partition per batch,
/// <c>{campaignId}-{number:D5}</c>, the batch entity at row <c>!batch</c>, one row per recipient key), read after the
/// run to check every recipient has exactly one outcome. Reads the stored layout directly because the store is internal
/// to Core; when the layout changes this reader must follow.
/// </summary>
internal sealed record DeliveryRows(int Rows, IReadOnlyDictionary<string, string> StatusByRecipient, int RecipientsInSeveralRows)
{
    public int Count(string status) => StatusByRecipient.Values.Count(value => value == status);

    public static async Task<DeliveryRows> ReadAsync(TableServiceClient tables, string campaignId, CancellationToken cancellationToken)
    {
        StorageRequestCounter.Phase = "verify";
        var table = tables.GetTableClient(StorageNames.CampaignBatchesTable);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {campaignId + "-0"} and PartitionKey lt {campaignId + "-:"} and RowKey ne {"!batch"}");
        var statuses = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = 0;
        var several = 0;
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Status"], cancellationToken: cancellationToken))
        {
            rows++;
            var status = entity.GetString("Status") ?? "?";
            if (!statuses.TryAdd(entity.RowKey, status))
            {
                several++;
            }
        }

        StorageRequestCounter.Phase = "harness";
        return new DeliveryRows(rows, statuses, several);
    }
}
