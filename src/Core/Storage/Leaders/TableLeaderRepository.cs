using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Leaders;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="ILeaderRepository"/> on the <c>leaders</c> table: a leader and the event of its state change are one
/// entity group transaction in the district's partition; writes carry the ETag the leader was read at.
/// </summary>
internal sealed class TableLeaderRepository : ILeaderRepository
{
    private static long eventSequence;

    private readonly TableClient table;

    public TableLeaderRepository(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.LeadersTable);
    }

    public async Task<Leader?> GetAsync(string district, string leaderId, CancellationToken cancellationToken)
    {
        if (!IsUsableKey(district) || !IsUsableKey(leaderId) || leaderId.StartsWith(LeaderEventTableEntity.RowPrefix, StringComparison.Ordinal))
        {
            // A key Azure would refuse names no stored leader.
            return null;
        }

        var response = await table.GetEntityIfExistsAsync<LeaderTableEntity>(district, leaderId, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.ToLeader() : null;
    }

    public async Task<IReadOnlyList<Leader>> ListAsync(string district, LeaderFilter filter, CancellationToken cancellationToken)
    {
        var result = new List<Leader>();
        await foreach (var leader in StreamAsync(district, filter, cancellationToken).ConfigureAwait(false))
        {
            result.Add(leader);
        }

        return result;
    }

    public async IAsyncEnumerable<Leader> StreamAsync(string district, LeaderFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var conditions = new List<string>
        {
            TableClient.CreateQueryFilter($"PartitionKey eq {district} and RowKey lt {LeaderEventTableEntity.RowPrefix}"),
        };
        if (filter.States is { Count: > 0 } states)
        {
            conditions.Add("(" + string.Join(" or ", states.Select(state => TableClient.CreateQueryFilter($"State eq {state.ToString()}"))) + ")");
        }

        if (filter.Municipality is { } municipality)
        {
            conditions.Add(TableClient.CreateQueryFilter($"Municipality eq {municipality}"));
        }

        if (filter.EmailHash is { } emailHash)
        {
            conditions.Add(TableClient.CreateQueryFilter($"EmailHash eq {emailHash}"));
        }

        // The SDK fetches the next page (up to 1000 entities) only when the caller has consumed this one.
        await foreach (var entity in table.QueryAsync<LeaderTableEntity>(string.Join(" and ", conditions), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return entity.ToLeader();
        }
    }

    public async Task AddAsync(Leader leader, LeaderEvent firstEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        ArgumentNullException.ThrowIfNull(firstEvent);
        var entity = LeaderTableEntity.From(leader);
        try
        {
            leader.Version = await SubmitAsync(new TableTransactionAction(TableTransactionActionType.Add, entity), leader, firstEvent, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            throw new DuplicateLeaderException($"Leader {leader.LeaderId} of {leader.District} is stored already.", exception);
        }
    }

    public async Task UpdateAsync(Leader leader, LeaderEvent? change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(leader);
        var entity = LeaderTableEntity.From(leader);
        var etag = leader.Version is null ? ETag.All : new ETag(leader.Version);
        try
        {
            if (change is null)
            {
                StorageLimits.CheckEntity(entity);
                var response = await table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                leader.Version = response.Headers.ETag?.ToString();
            }
            else
            {
                leader.Version = await SubmitAsync(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, etag), leader, change, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            throw new ConcurrencyConflictException($"Leader {leader.LeaderId} of {leader.District} changed since it was read.", exception);
        }
    }

    public async Task<IReadOnlyList<LeaderEvent>> GetEventsAsync(string district, string leaderId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {district} and RowKey ge {LeaderEventTableEntity.FirstRowOf(leaderId)} and RowKey lt {LeaderEventTableEntity.AfterRowsOf(leaderId)}");
        var result = new List<LeaderEvent>();
        // The table answers in row key order, which is the order the events were written in.
        await foreach (var entity in table.QueryAsync<LeaderEventTableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            result.Add(entity.ToEvent());
        }

        return result;
    }

    public async Task<int> DeleteAsync(string district, string leaderId, CancellationToken cancellationToken)
    {
        if (!IsUsableKey(district) || !IsUsableKey(leaderId))
        {
            return 0;
        }

        var eventRows = TableClient.CreateQueryFilter(
            $"PartitionKey eq {district} and RowKey ge {LeaderEventTableEntity.FirstRowOf(leaderId)} and RowKey lt {LeaderEventTableEntity.AfterRowsOf(leaderId)}");
        var deletes = new List<TableTransactionAction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(eventRows, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            deletes.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));
        }

        // Events first: should the run stop half-way, the leader row is still there to find the rest by.
        foreach (var batch in deletes.Chunk(StorageLimits.MaxTransactionActions))
        {
            await table.SubmitTransactionAsync(batch, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await table.DeleteEntityAsync(district, leaderId, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Gone already: the same state.
        }

        return deletes.Count;
    }

    private async Task<string?> SubmitAsync(TableTransactionAction leaderAction, Leader leader, LeaderEvent change, CancellationToken cancellationToken)
    {
        // Time first so that the partition reads in order; the sequence orders events of one instant (a fake clock, or a
        // coarse one) as they were written here; the random tail keeps other processes apart.
        var suffix = change.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" +
                     Interlocked.Increment(ref eventSequence).ToString("D12", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        var actions = new List<TableTransactionAction>
        {
            leaderAction,
            new(TableTransactionActionType.Add, LeaderEventTableEntity.ForChange(leader.District, leader.LeaderId, suffix, change)),
        };
        StorageLimits.CheckTransaction(actions);
        var response = await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        return response.Value[0].Headers.ETag?.ToString();
    }

    private static bool IsUsableKey(string key)
    {
        try
        {
            StorageLimits.CheckKey(key, "key");
            return key.Length > 0;
        }
        catch (StorageLimitException)
        {
            return false;
        }
    }
}
