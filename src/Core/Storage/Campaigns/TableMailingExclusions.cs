using Azure.Data.Tables;
using Outreach.Core.CampaignSending;
using Outreach.Core.Privacy;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="IMailingExclusions"/> by scanning the <c>suppressions</c> table (partition <c>email</c>: row = the plain
/// hash; partition <c>erased</c>: row = the keyed hash, see <see cref="TableSuppressionList"/>) and the <c>optouts</c>
/// table (partition = the plain hash, row = the category, see <see cref="TableOptOutRepository"/>), reading the keys
/// only. Three queries per audience or batch instead of up to three point reads per recipient; the cost grows with the
/// number of exclusions, not with the audience.
/// </summary>
internal sealed class TableMailingExclusions : IMailingExclusions
{
    private static readonly string[] KeysOnly = ["PartitionKey", "RowKey"];

    private readonly TableClient suppressions;
    private readonly TableClient optOuts;
    private readonly AddressKeyedHash? erasedHash;

    /// <param name="tables">The table service.</param>
    /// <param name="erasedHash">The keyed hash of erased addresses; without it an erased entry cannot be matched, so loading fails when there is one.</param>
    public TableMailingExclusions(TableServiceClient tables, AddressKeyedHash? erasedHash = null)
    {
        ArgumentNullException.ThrowIfNull(tables);
        suppressions = tables.GetTableClient(StorageNames.SuppressionsTable);
        optOuts = tables.GetTableClient(StorageNames.OptOutsTable);
        this.erasedHash = erasedHash;
    }

    public async Task<MailingExclusionSet> LoadAsync(OptOutCategory category, CancellationToken cancellationToken)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        var erased = new HashSet<string>(StringComparer.Ordinal);
        var suppressed = ReadAsync(suppressions, TableClient.CreateQueryFilter($"PartitionKey eq {"email"}"), entity => hashes.Add(entity.RowKey), cancellationToken);
        var erasures = ReadAsync(suppressions, TableClient.CreateQueryFilter($"PartitionKey eq {"erased"}"), entity => erased.Add(entity.RowKey), cancellationToken);
        var optedOut = new HashSet<string>(StringComparer.Ordinal);
        // An opt-out of everything excludes from every category.
        var optOutFilter = TableClient.CreateQueryFilter($"RowKey eq {category.ToString()} or RowKey eq {nameof(OptOutCategory.All)}");
        var opted = ReadAsync(optOuts, optOutFilter, entity => optedOut.Add(entity.PartitionKey), cancellationToken);
        await Task.WhenAll(suppressed, erasures, opted).ConfigureAwait(false);
        hashes.UnionWith(optedOut);
        return new MailingExclusionSet(hashes, erased, erasedHash is null ? null : erasedHash.Compute);
    }

    private static async Task ReadAsync(TableClient table, string filter, Action<TableEntity> add, CancellationToken cancellationToken)
    {
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: KeysOnly, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            add(entity);
        }
    }
}
