using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.ProviderEvents;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="IProcessedEventStore"/> on the <c>providerevents</c> table: row = the hash of the event key (keys may hold
/// characters a table key may not), partition = its first two hex digits, so the rows spread.
/// </summary>
internal sealed class TableProcessedEventStore : IProcessedEventStore
{
    private readonly TableClient table;
    private readonly TimeProvider time;

    public TableProcessedEventStore(TableServiceClient tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.ProcessedEventsTable);
        this.time = time;
    }

    public async Task<bool> HasAsync(string eventKey, CancellationToken cancellationToken)
    {
        var row = RowOf(eventKey);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(row[..2], row, select: ["PartitionKey"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue;
    }

    public async Task<bool> TryAddAsync(string eventKey, CancellationToken cancellationToken)
    {
        var row = RowOf(eventKey);
        try
        {
            await table.AddEntityAsync(new TableEntity(row[..2], row) { ["At"] = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    private static string RowOf(string eventKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(eventKey)));
}
