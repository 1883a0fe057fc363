using System.Globalization;
using Azure.Data.Tables;
using Outreach.Core.Privacy;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="IPrivacyAuditLog"/> on the <c>privacyaudit</c> table: partition <c>audit</c>, row = time ticks and a random
/// tail, so rows read oldest first. Counts and the actor only, never an address.
/// </summary>
internal sealed class TablePrivacyAuditLog : IPrivacyAuditLog
{
    private const string Partition = "audit";

    private readonly TableClient table;

    public TablePrivacyAuditLog(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.PrivacyAuditTable);
    }

    public Task RecordAsync(PrivacyAuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var entity = new TableEntity(Partition, Ticks(entry.At) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["Kind"] = entry.Kind,
            ["At"] = entry.At,
            ["Actor"] = entry.Actor,
            ["People"] = entry.People,
            ["Leaders"] = entry.Counts.Leaders,
            ["LeaderEvents"] = entry.Counts.LeaderEvents,
            ["Deliveries"] = entry.Counts.Deliveries,
            ["OptOuts"] = entry.Counts.OptOuts,
            ["Suppressions"] = entry.Counts.Suppressions,
            ["ListEntries"] = entry.Counts.ListEntries,
            ["CampaignDeliveries"] = entry.Counts.CampaignDeliveries,
        };
        StorageLimits.CheckEntity(entity);
        return table.AddEntityAsync(entity, cancellationToken);
    }

    public async Task<IReadOnlyList<PrivacyAuditEntry>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var found = new List<PrivacyAuditEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {Ticks(since)}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(new PrivacyAuditEntry(
                entity.GetString("Kind") ?? "",
                entity.GetDateTimeOffset("At") ?? default,
                entity.GetString("Actor") ?? "",
                entity.GetInt32("People") ?? 0,
                new ErasureCounts(
                    entity.GetInt32("Leaders") ?? 0,
                    entity.GetInt32("LeaderEvents") ?? 0,
                    entity.GetInt32("Deliveries") ?? 0,
                    entity.GetInt32("OptOuts") ?? 0,
                    entity.GetInt32("Suppressions") ?? 0,
                    // Entries recorded before issue 10's tables were erased have no such columns: zero.
                    entity.GetInt32("ListEntries") ?? 0,
                    entity.GetInt32("CampaignDeliveries") ?? 0)));
        }

        return found;
    }

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
