using Azure;
using Azure.Data.Tables;
using Outreach.Core.Email;
using Outreach.Core.Letters;
using Outreach.Core.Privacy;
using Outreach.Core.Suppressions;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="ISuppressionList"/> on the <c>suppressions</c> table: partition <c>email</c>, row = the address's hash; erased
/// addresses in partition <c>erased</c>, row = their keyed hash (<see cref="AddressKeyedHash"/>) and nothing else.
/// </summary>
internal sealed class TableSuppressionList : ISuppressionList
{
    private const string Partition = "email";
    private const string ErasedPartition = "erased";
    private const string ErasedReason = "erased";
    private const string ReasonColumn = "Reason";
    private const string AtColumn = "At";
    private const string EmailColumn = "Email";
    private const string SourceColumn = "Source";

    private readonly TableClient table;
    private readonly TimeProvider time;
    private readonly AddressKeyedHash? erasedHash;

    /// <param name="tables">The table service.</param>
    /// <param name="time">The clock of <c>At</c>.</param>
    /// <param name="erasedHash">The keyed hash of erased addresses; without it (tests of other flows) erased entries are neither written nor read.</param>
    public TableSuppressionList(TableServiceClient tables, TimeProvider time, AddressKeyedHash? erasedHash = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.SuppressionsTable);
        this.time = time;
        this.erasedHash = erasedHash;
    }

    public async Task<string?> ReasonAsync(string email, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, EmailAddresses.Hash(email), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (response.HasValue)
        {
            return response.Value!.GetString(ReasonColumn) ?? "";
        }

        if (erasedHash is null)
        {
            return null;
        }

        var erased = await table.GetEntityIfExistsAsync<TableEntity>(ErasedPartition, erasedHash.Compute(email), cancellationToken: cancellationToken).ConfigureAwait(false);
        return erased.HasValue ? ErasedReason : null;
    }

    public async Task<SuppressionEntry?> GetAsync(string email, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(Partition, EmailAddresses.Hash(email), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToEntry(response.Value!) : null;
    }

    public Task SuppressErasedAsync(string email, string source, CancellationToken cancellationToken)
    {
        var hash = erasedHash ?? throw new InvalidOperationException("No keyed hash is registered (Outreach:Privacy:HashKey); an erased address cannot be suppressed.");
        // No address, no plain hash: only the keyed hash, why, by whom and when.
        var entity = new TableEntity(ErasedPartition, hash.Compute(email))
        {
            [ReasonColumn] = ErasedReason,
            [SourceColumn] = source,
            [AtColumn] = time.GetUtcNow(),
        };
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
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
            var items = page.Values.Select(ToEntry).ToList();
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

    private static SuppressionEntry ToEntry(TableEntity entity) => new(
        entity.RowKey,
        entity.GetString(EmailColumn),
        entity.GetString(ReasonColumn) ?? "",
        entity.GetString(SourceColumn) ?? "",
        entity.GetDateTimeOffset(AtColumn));
}
