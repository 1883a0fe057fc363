using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="IRecipientListRepository"/> on the <c>recipientlists</c> table: one partition per list, its people keyed by
/// the hash of their address and the list's own row (<see cref="RecipientListTableEntity.HeaderRowKey"/>) beside them.
/// </summary>
/// <remarks>
/// The people are written first, in transactions of up to 100, and the list row last: a list is found (and listed)
/// only once all its people are stored, so an upload that fails halfway leaves rows nobody reads, never a short list.
/// </remarks>
internal sealed class TableRecipientListRepository : IRecipientListRepository
{
    private static readonly string[] HeaderColumns =
        [nameof(RecipientListTableEntity.PartitionKey), nameof(RecipientListTableEntity.RowKey), nameof(RecipientListTableEntity.Name), nameof(RecipientListTableEntity.Rows), nameof(RecipientListTableEntity.CreatedBy), nameof(RecipientListTableEntity.CreatedAt)];

    /// <summary>How often a lowered count is retried when other erasures keep changing the list row.</summary>
    private const int MaxCountAttempts = 10;

    private readonly TableClient table;

    public TableRecipientListRepository(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.RecipientListsTable);
    }

    public async Task AddAsync(RecipientList list, IReadOnlyList<RecipientListEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(entries);
        StorageLimits.CheckKey(list.Id, "list id");
        var header = RecipientListTableEntity.ForList(list);
        StorageLimits.CheckEntity(header);

        // Upserts, so that writing the same list again after a failure finishes it instead of failing on the first rows.
        foreach (var chunk in entries.Select(entry => RecipientListTableEntity.ForEntry(list.Id, entry)).Chunk(StorageLimits.MaxTransactionActions))
        {
            var actions = chunk.Select(entity => new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity)).ToList();
            StorageLimits.CheckTransaction(actions);
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }

        await table.AddEntityAsync(header, cancellationToken).ConfigureAwait(false);
    }

    public async Task<RecipientList?> GetAsync(string listId, CancellationToken cancellationToken)
    {
        StorageLimits.CheckKey(listId, "list id");
        var response = await table.GetEntityIfExistsAsync<RecipientListTableEntity>(listId, RecipientListTableEntity.HeaderRowKey, HeaderColumns, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.ToList() : null;
    }

    /// <remarks>A scan filtered on the header's RowKey, so only the list rows travel; staff have a handful of lists.</remarks>
    public async Task<IReadOnlyList<RecipientList>> ListAsync(CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RecipientListTableEntity.HeaderRowKey}");
        var found = new List<RecipientList>();
        await foreach (var entity in table.QueryAsync<RecipientListTableEntity>(filter, select: HeaderColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(entity.ToList());
        }

        return [.. found.OrderByDescending(list => list.CreatedAt).ThenBy(list => list.Id, StringComparer.Ordinal)];
    }

    public async IAsyncEnumerable<RecipientListEntry> ReadEntriesAsync(string listId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StorageLimits.CheckKey(listId, "list id");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {listId} and RowKey lt {RecipientListTableEntity.AfterEntries}");

        // Page by page as the service returns them (up to 1000 a page), so a large list is never held in memory at once.
        await foreach (var entity in table.QueryAsync<RecipientListTableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return entity.ToEntry();
        }
    }

    public async Task<RecipientListEntry?> FindEntryAsync(string listId, string key, CancellationToken cancellationToken)
    {
        StorageLimits.CheckKey(listId, "list id");
        StorageLimits.CheckKey(key, "key");
        if (string.CompareOrdinal(key, RecipientListTableEntity.AfterEntries) >= 0)
        {
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<RecipientListTableEntity>(listId, key, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.ToEntry() : null;
    }

    /// <remarks>The list row goes first, so a list being deleted is no longer found; then its people, 100 at a time.</remarks>
    public async Task<bool> DeleteAsync(string listId, CancellationToken cancellationToken)
    {
        StorageLimits.CheckKey(listId, "list id");
        bool existed;
        try
        {
            var response = await table.DeleteEntityAsync(listId, RecipientListTableEntity.HeaderRowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            existed = response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            existed = false;
        }

        // Rows of a list whose header is gone (a failed upload or an interrupted delete) are removed as well.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {listId}");
        var keys = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            keys.Add(entity.RowKey);
        }

        foreach (var chunk in keys.Chunk(StorageLimits.MaxTransactionActions))
        {
            var actions = chunk.Select(rowKey => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(listId, rowKey), ETag.All)).ToList();
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }

        return existed;
    }

    // Export and erasure only: a query on the row key across partitions, which the service answers by reading the whole
    // table. Acceptable here: the table holds a handful of lists of a few thousand rows, and staff erase rarely.
    public async Task<IReadOnlyList<string>> ListIdsHoldingAsync(string key, CancellationToken cancellationToken)
    {
        StorageLimits.CheckKey(key, "key");
        if (string.CompareOrdinal(key, RecipientListTableEntity.AfterEntries) >= 0)
        {
            return [];
        }

        var found = new List<string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {key}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(entity.PartitionKey);
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    // The row goes first; then the list's count is lowered by a merge conditional on the list row's ETag, read again
    // when another erasure changed it meanwhile. A list whose own row is gone has no count to keep.
    public async Task<bool> DeleteEntryAsync(string listId, string key, CancellationToken cancellationToken)
    {
        StorageLimits.CheckKey(listId, "list id");
        StorageLimits.CheckKey(key, "key");
        if (string.CompareOrdinal(key, RecipientListTableEntity.AfterEntries) >= 0 || !await TryDeleteAsync(listId, key, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        for (var attempt = 1; ; attempt++)
        {
            var header = await table.GetEntityIfExistsAsync<TableEntity>(listId, RecipientListTableEntity.HeaderRowKey, [nameof(RecipientListTableEntity.Rows)], cancellationToken).ConfigureAwait(false);
            if (!header.HasValue)
            {
                return true;
            }

            var update = new TableEntity(listId, RecipientListTableEntity.HeaderRowKey)
            {
                [nameof(RecipientListTableEntity.Rows)] = Math.Max(0, (header.Value!.GetInt32(nameof(RecipientListTableEntity.Rows)) ?? 0) - 1),
            };
            try
            {
                await table.UpdateEntityAsync(update, header.Value.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                return true;
            }
            catch (RequestFailedException exception) when (exception.Status == 412 && attempt < MaxCountAttempts)
            {
                // Another erasure lowered the count meanwhile: read it again.
            }
        }
    }

    private async Task<bool> TryDeleteAsync(string listId, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(listId, rowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }
}
