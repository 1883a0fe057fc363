using Azure.Data.Tables;
using Outreach.Core.Storage;

namespace Outreach.Core.Discovery;

/// <summary>
/// Keeps discovery cursors in the <c>cursors</c> table (created at start by <see cref="StorageInitializer"/>): a key <c>source:name</c> (e.g. <c>graph:usersdelta</c>) is stored
/// with PartitionKey = source and RowKey = name, the cursor in the <c>Value</c> column.
/// </summary>
public sealed class TableDiscoveryCursorStore : IDiscoveryCursorStore
{
    /// <summary>The table name.</summary>
    public const string TableName = StorageNames.CursorsTable;

    private const string ValueColumn = "Value";
    private const string DefaultRowKey = "cursor";

    private readonly TableClient table;

    /// <summary>Creates the store on <paramref name="tables"/>.</summary>
    public TableDiscoveryCursorStore(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(TableName);
    }

    /// <inheritdoc />
    public async Task<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var (partitionKey, rowKey) = Split(key);
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetString(ValueColumn) : null;
    }

    /// <inheritdoc />
    public async Task SetAsync(string key, string? value, CancellationToken cancellationToken = default)
    {
        var (partitionKey, rowKey) = Split(key);
        if (value is null)
        {
            // A missing entity is fine here: removing a cursor that is not there leaves the same state.
            try
            {
                await table.DeleteEntityAsync(partitionKey, rowKey, cancellationToken: cancellationToken);
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
            }

            return;
        }

        var entity = new TableEntity(partitionKey, rowKey) { [ValueColumn] = value };
        StorageLimits.CheckEntity(entity);
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static (string PartitionKey, string RowKey) Split(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        StorageLimits.CheckKey(key, "key");
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        return separator <= 0 || separator == key.Length - 1
            ? (key, DefaultRowKey)
            : (key[..separator], key[(separator + 1)..]);
    }
}
