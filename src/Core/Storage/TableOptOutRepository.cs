using Azure.Data.Tables;
using Outreach.Core.OptOuts;
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
}
