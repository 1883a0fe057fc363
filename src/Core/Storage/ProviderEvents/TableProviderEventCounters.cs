using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.ProviderEvents;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="IProviderEventCounters"/> on the <c>providereventcounts</c> table: partition = district, row =
/// <c>{yyyy-MM-dd}_{type}</c>, column <c>Count</c>. Increments are conditional on the ETag, so parallel webhook calls
/// never lose one.
/// </summary>
internal sealed class TableProviderEventCounters : IProviderEventCounters
{
    private const string CountColumn = "Count";
    private const int Attempts = 10;

    private readonly TableClient table;

    public TableProviderEventCounters(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.ProviderEventCountsTable);
    }

    public async Task AddAsync(string district, DateOnly day, string eventType, int count, CancellationToken cancellationToken)
    {
        var row = RowOf(day, eventType);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var existing = await table.GetEntityIfExistsAsync<TableEntity>(district, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                if (!existing.HasValue)
                {
                    var entity = new TableEntity(district, row) { [CountColumn] = (long)count };
                    StorageLimits.CheckEntity(entity);
                    await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var current = existing.Value!;
                current[CountColumn] = (current.GetInt64(CountColumn) ?? 0) + count;
                await table.UpdateEntityAsync(current, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412)
            {
                // Another call counted meanwhile: read again.
            }
        }

        throw new InvalidOperationException($"The {eventType} counter of {district} kept changing; the batch is left for SendGrid's retry.");
    }

    public async Task<long> GetAsync(string district, DateOnly day, string eventType, CancellationToken cancellationToken)
    {
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(district, RowOf(day, eventType), cancellationToken: cancellationToken).ConfigureAwait(false);
        return existing.HasValue ? existing.Value!.GetInt64(CountColumn) ?? 0 : 0;
    }

    private static string RowOf(DateOnly day, string eventType) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_" + eventType;
}
