using Azure;
using Azure.Data.Tables;
using Outreach.Core.Email;
using Outreach.Core.Letters;
using Outreach.Core.Suppressions;

namespace Outreach.Core.Storage;

/// <summary><see cref="ISuppressionList"/> on the <c>suppressions</c> table: partition <c>email</c>, row = the address's hash.</summary>
internal sealed class TableSuppressionList : ISuppressionList
{
    private const string Partition = "email";
    private const string ReasonColumn = "Reason";
    private const string AtColumn = "At";
    private const string EmailColumn = "Email";
    private const string SourceColumn = "Source";

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

    public Task SuppressAsync(string email, string reason, string source, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, EmailAddresses.Hash(email))
        {
            [ReasonColumn] = reason,
            [SourceColumn] = source,
            [EmailColumn] = EmailAddresses.Normalize(email),
            [AtColumn] = time.GetUtcNow(),
        };
        StorageLimits.CheckEntity(entity);
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<SuppressionPage> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var pages = table.QueryAsync<TableEntity>(entity => entity.PartitionKey == Partition, maxPerPage: pageSize, cancellationToken: cancellationToken)
            .AsPages(continuation, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var items = page.Values
                .Select(entity => new SuppressionEntry(
                    entity.RowKey,
                    entity.GetString(EmailColumn),
                    entity.GetString(ReasonColumn) ?? "",
                    entity.GetString(SourceColumn) ?? "",
                    entity.GetDateTimeOffset(AtColumn)))
                .ToList();
            return new SuppressionPage(items, page.ContinuationToken);
        }

        return new SuppressionPage([], null);
    }

    public async Task<bool> RemoveAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(Partition, EmailAddresses.Hash(email), ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }
}
