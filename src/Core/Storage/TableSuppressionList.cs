using Azure.Data.Tables;
using Outreach.Core.Email;
using Outreach.Core.Letters;

namespace Outreach.Core.Storage;

/// <summary><see cref="ISuppressionList"/> on the <c>suppressions</c> table: partition <c>email</c>, row = the address's hash.</summary>
internal sealed class TableSuppressionList : ISuppressionList
{
    private const string Partition = "email";
    private const string ReasonColumn = "Reason";
    private const string AtColumn = "At";

    private readonly TableClient table;
    private readonly TimeProvider time;

    public TableSuppressionList(TableServiceClient tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.SuppressionsTable);
        this.time = time;
    }

    public async Task<string?> ReasonAsync(string email, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, EmailAddresses.Hash(email), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetString(ReasonColumn) ?? "" : null;
    }

    public Task SuppressAsync(string email, string reason, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, EmailAddresses.Hash(email)) { [ReasonColumn] = reason, [AtColumn] = time.GetUtcNow() };
        StorageLimits.CheckEntity(entity);
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }
}
