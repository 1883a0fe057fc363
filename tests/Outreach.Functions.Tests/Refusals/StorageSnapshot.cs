using Azure.Data.Tables;
using Azure.Storage.Queues;
using Outreach.Core.Storage;

namespace Outreach.Functions.Tests.Refusals;

/// <summary>
/// The row count of every table and the message count of every queue in the fixture's Azurite. The functions tests run one
/// at a time in their collection, so two snapshots around one request differ only by what that request wrote.
/// </summary>
internal static class StorageSnapshot
{
    public static async Task<IReadOnlyDictionary<string, int>> TakeAsync(string connectionString)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var tables = new TableServiceClient(connectionString);
        await foreach (var table in tables.QueryAsync())
        {
            var rows = 0;
            await foreach (var _ in tables.GetTableClient(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                rows++;
            }

            counts["table " + table.Name] = rows;
        }

        var queues = new QueueServiceClient(connectionString, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        await foreach (var queue in queues.GetQueuesAsync())
        {
            var properties = await queues.GetQueueClient(queue.Name).GetPropertiesAsync();
            counts["queue " + queue.Name] = properties.Value.ApproximateMessagesCount;
        }

        return counts;
    }
}
