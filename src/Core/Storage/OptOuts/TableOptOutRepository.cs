using Azure;
using Azure.Data.Tables;
using Outreach.Core.OptOuts;
using Outreach.Core.Privacy;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Storage;

/// <summary><see cref="IOptOutRepository"/> on the <c>optouts</c> table: partition = the address's hash, row = the category.</summary>
internal sealed class TableOptOutRepository : IOptOutRepository
{
    private readonly TableClient table;
    private readonly TimeProvider time;

    public TableOptOutRepository(TableServiceClient tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.OptOutsTable);
        this.time = time;
    }

    public async Task<bool> HasOptedOutAsync(string emailHash, OptOutCategory category, CancellationToken cancellationToken)
    {
        foreach (var name in new[] { category.ToString(), nameof(OptOutCategory.All) })
        {
            if ((await table.GetEntityIfExistsAsync<TableEntity>(emailHash, name, cancellationToken: cancellationToken).ConfigureAwait(false)).HasValue)
            {
                return true;
            }
        }

        return false;
    }

    public Task RecordAsync(string emailHash, OptOutCategory category, string district, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(emailHash, category.ToString()) { ["District"] = district, ["At"] = time.GetUtcNow() };
        StorageLimits.CheckEntity(entity);
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<OptOutRecord>> ListAsync(string emailHash, CancellationToken cancellationToken)
    {
        var found = new List<OptOutRecord>();
        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {emailHash}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Enum.TryParse<OptOutCategory>(entity.RowKey, out var category))
            {
                found.Add(new OptOutRecord(category, entity.GetString("District") ?? "", entity.GetDateTimeOffset("At")));
            }
        }

        return found;
    }

    public async Task<bool> DeleteAsync(string emailHash, OptOutCategory category, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(emailHash, category.ToString(), ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }
}
