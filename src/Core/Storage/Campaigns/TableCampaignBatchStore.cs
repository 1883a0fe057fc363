using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Privacy;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="ICampaignBatchStore"/> (and erasure's <see cref="ICampaignDeliveryErasure"/>) on the <c>campaignbatches</c> table. One partition per batch,
/// <c>{campaignId}-{number:D5}</c>: the batch entity (row <c>!batch</c>, which sorts before every recipient key) and
/// its <see cref="CampaignDelivery"/> rows (row = the recipient key), so a batch's deliveries go in transactions of up
/// to 100 and its status changes are conditional on the batch entity's ETag. The frozen recipients are JSON, Brotli
/// compressed, split over binary properties of at most 64 KiB (<c>R00</c>, <c>R01</c>, …) within the entity's 1 MiB.
/// </summary>
internal sealed class TableCampaignBatchStore : ICampaignBatchStore, ICampaignDeliveryErasure
{
    /// <summary>The batch entity's row key.</summary>
    internal const string BatchRow = "!batch";

    /// <summary>The largest binary property Azure accepts.</summary>
    internal const int MaxBinaryBytes = 64 * 1024;

    private const int ConcurrentWrites = 8;
    private const int ProbeWindow = 16;
    private const string PartsColumn = "RecipientParts";
    private const string PartPrefix = "R";

    private static readonly string[] SummaryColumns =
        ["PartitionKey", "RowKey", "CampaignId", "Number", "Variant", "Status", "ClaimedAt", "CompletedAt", "ProviderMessageId", "Detail", "Size", "Sent", "OutcomeUnknown", "Suppressed", "Failed"];

    private readonly TableClient table;
    private readonly TimeProvider time;

    public TableCampaignBatchStore(TableServiceClient tables, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.CampaignBatchesTable);
        this.time = time;
    }

    /// <summary>The partition of one batch.</summary>
    internal static string PartitionOf(string campaignId, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{campaignId}-{number:D5}");

    // Every batch is its own partition and up to 1 MiB, so no transaction could hold two: one write per batch, a few
    // at a time. The leftovers of an interrupted planning are deleted first, so the batch set is exactly this one.
    public async Task FreezeAsync(string campaignId, IReadOnlyList<CampaignBatch> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var entities = batches.Select(ToEntity).ToList();
        entities.ForEach(StorageLimits.CheckEntity);
        await DeleteAsync(campaignId, cancellationToken).ConfigureAwait(false);
        await Parallel.ForEachAsync(
            Enumerable.Range(0, batches.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentWrites, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var response = await table.UpsertEntityAsync(entities[i], TableUpdateMode.Replace, ct).ConfigureAwait(false);
                batches[i].Version = response.Headers.ETag?.ToString();
            }).ConfigureAwait(false);
    }

    // Rare (a re-planning, or a draft's cleanup): a range scan over the campaign's partitions, keys only.
    public async Task DeleteAsync(string campaignId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {campaignId + "-0"} and PartitionKey lt {campaignId + "-:"}");
        var rows = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (IsBatchPartitionOf(entity.PartitionKey, campaignId))
            {
                rows.Add(entity);
            }
        }

        var transactions = rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal)
            .SelectMany(partition => partition.Chunk(StorageLimits.MaxTransactionActions))
            .Select(chunk => chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)).ToList());
        await Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentWrites, CancellationToken = cancellationToken },
            async (actions, ct) => await table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public async Task<CampaignBatch?> GetAsync(string campaignId, int number, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(campaignId, number), BatchRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToBatch(response.Value!, withRecipients: true) : null;
    }

    public async Task<CampaignBatch?> GetSummaryAsync(string campaignId, int number, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(campaignId, number), BatchRow, SummaryColumns, cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToBatch(response.Value!, withRecipients: false) : null;
    }

    // Batches are numbered 0..n-1 without a gap once a planning has finished, so the list is read by point reads of
    // the summary columns, a window at a time, up to the first missing number. A range query over the campaign's
    // partitions would make the service read every delivery row too.
    public async Task<IReadOnlyList<CampaignBatch>> ListAsync(string campaignId, CancellationToken cancellationToken)
    {
        var found = new List<CampaignBatch>();
        while (true)
        {
            var window = await Task.WhenAll(Enumerable.Range(found.Count, ProbeWindow).Select(number => GetSummaryAsync(campaignId, number, cancellationToken))).ConfigureAwait(false);
            foreach (var batch in window)
            {
                if (batch is null)
                {
                    return found;
                }

                found.Add(batch);
            }
        }
    }

    public async Task<bool> TryClaimAsync(CampaignBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Status != CampaignBatchStatus.Planned || batch.Version is null)
        {
            return false;
        }

        var claimedAt = time.GetUtcNow();
        var entity = new TableEntity(PartitionOf(batch.CampaignId, batch.Number), BatchRow)
        {
            ["Status"] = nameof(CampaignBatchStatus.Sending),
            ["ClaimedAt"] = claimedAt,
        };
        if (await TryMergeAsync(batch, entity, cancellationToken).ConfigureAwait(false))
        {
            batch.Status = CampaignBatchStatus.Sending;
            batch.ClaimedAt = claimedAt;
            return true;
        }

        return false;
    }

    // A release that finds the batch changed (a redelivery marked it outcome unknown meanwhile) leaves that mark.
    public async Task ReleaseAsync(CampaignBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var entity = new TableEntity(PartitionOf(batch.CampaignId, batch.Number), BatchRow) { ["Status"] = nameof(CampaignBatchStatus.Planned) };
        if (await TryMergeAsync(batch, entity, cancellationToken).ConfigureAwait(false))
        {
            batch.Status = CampaignBatchStatus.Planned;
            batch.ClaimedAt = null;
        }
    }

    // The rows are idempotent upserts: a repeated recording writes the same rows again. The first transaction goes
    // alone (it holds the rows the sender puts first), the rest a few at a time; the batch entity is merged last, on
    // its ETag, without rewriting the frozen recipients.
    public Task<bool> RecordAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, CancellationToken cancellationToken) =>
        WriteAsync(batch, deliveries, TableTransactionActionType.UpsertReplace, cancellationToken);

    // Added, not upserted: the live attempt may have written its rows after the mark's read, and those must stay. A
    // transaction with a row that exists fails whole (409); rows the mark added before the live attempt wrote its own
    // are replaced by those.
    public async Task<bool> MarkAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, CancellationToken cancellationToken)
    {
        try
        {
            return await WriteAsync(batch, deliveries, TableTransactionActionType.Add, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            return false;
        }
    }

    private async Task<bool> WriteAsync(CampaignBatch batch, IReadOnlyList<CampaignDelivery> deliveries, TableTransactionActionType rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(deliveries);
        var partition = PartitionOf(batch.CampaignId, batch.Number);
        var transactions = deliveries
            .Select(delivery => new TableTransactionAction(rows, ToEntity(partition, delivery)))
            .Chunk(StorageLimits.MaxTransactionActions)
            .Select(chunk => (IReadOnlyList<TableTransactionAction>)chunk)
            .ToList();
        foreach (var actions in transactions)
        {
            StorageLimits.CheckTransaction(actions);
        }

        if (transactions.Count > 0)
        {
            await SubmitAsync(transactions[0], cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(
                transactions.Skip(1),
                new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (actions, ct) => await SubmitAsync(actions, ct).ConfigureAwait(false)).ConfigureAwait(false);
        }

        // The outcome replaces the whole batch row (conditional on its version): the frozen recipients (addresses and
        // names) are only needed until the batch has an outcome, and the delivery rows say who was in it, so a finished
        // batch keeps no personal data. Every summary column is written, so nothing else is lost.
        return await TryUpdateAsync(batch, SummaryEntity(batch, batch.Counts, parts: 0), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    // A recording's rows usually do not exist yet, and an insert is the cheaper operation for the service (Azurite
    // looks every upserted row up first: about 1.7x the time per row). Where one exists (a redelivery's mark, an
    // interrupted recording) the insert fails whole and the chunk is written again as the replace it stands for.
    private async Task SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions[0].ActionType != TableTransactionActionType.UpsertReplace)
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(actions.Select(action => new TableTransactionAction(TableTransactionActionType.Add, action.Entity)).ToList(), cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.Status == 409)
        {
            await table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<CampaignDelivery>> ListDeliveriesAsync(string campaignId, int number, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(campaignId, number)} and RowKey gt {BatchRow}");
        var found = new List<CampaignDelivery>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(ToDelivery(entity));
        }

        return found;
    }

    // Export and erasure only: a scan of the whole table on the row key (the service reads every row; no index on rows
    // across partitions). Batch entities never match, their row key is not a recipient key. Acceptable for a request
    // staff make rarely, one address at a time.
    public async Task<IReadOnlyList<CampaignDelivery>> ListForRecipientAsync(string recipientKey, CancellationToken cancellationToken)
    {
        var found = new List<CampaignDelivery>();
        if (string.Equals(recipientKey, BatchRow, StringComparison.Ordinal))
        {
            return found;
        }

        await foreach (var entity in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {recipientKey}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(ToDelivery(entity));
        }

        return found;
    }

    // Erasure only; a point delete of the row found by ListForRecipientAsync. The batch row is never a recipient's.
    public async Task<bool> DeleteDeliveryAsync(string campaignId, int number, string recipientKey, CancellationToken cancellationToken)
    {
        if (string.Equals(recipientKey, BatchRow, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var response = await table.DeleteEntityAsync(PartitionOf(campaignId, number), recipientKey, ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }

    /// <summary>Compresses recipients into parts of at most <see cref="MaxBinaryBytes"/>.</summary>
    internal static List<byte[]> Pack(IReadOnlyList<CampaignRecipient> recipients)
    {
        using var buffer = new MemoryStream();
        using (var brotli = new BrotliStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            JsonSerializer.Serialize(brotli, recipients as List<CampaignRecipient> ?? recipients.ToList(), CampaignRecipientJsonContext.Default.ListCampaignRecipient);
        }

        var packed = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        var parts = new List<byte[]>();
        for (var offset = 0; offset < packed.Length; offset += MaxBinaryBytes)
        {
            parts.Add(packed.Slice(offset, Math.Min(MaxBinaryBytes, packed.Length - offset)).ToArray());
        }

        return parts;
    }

    /// <summary>The recipients of packed parts.</summary>
    internal static List<CampaignRecipient> Unpack(IEnumerable<byte[]> parts)
    {
        using var packed = new MemoryStream();
        foreach (var part in parts)
        {
            packed.Write(part);
        }

        if (packed.Length == 0)
        {
            // A batch with an outcome keeps no recipients (see WriteAsync).
            return [];
        }

        packed.Position = 0;
        using var brotli = new BrotliStream(packed, CompressionMode.Decompress);
        return JsonSerializer.Deserialize(brotli, CampaignRecipientJsonContext.Default.ListCampaignRecipient) ?? [];
    }

    private static bool IsBatchPartitionOf(string partition, string campaignId) =>
        partition.Length == campaignId.Length + 6 &&
        partition.StartsWith(campaignId, StringComparison.Ordinal) &&
        partition[campaignId.Length] == '-' &&
        partition.AsSpan(campaignId.Length + 1).ContainsAnyExceptInRange('0', '9') is false;

    private Task<bool> TryMergeAsync(CampaignBatch batch, TableEntity entity, CancellationToken cancellationToken) =>
        TryUpdateAsync(batch, entity, TableUpdateMode.Merge, cancellationToken);

    private async Task<bool> TryUpdateAsync(CampaignBatch batch, TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken)
    {
        if (batch.Version is null)
        {
            return false;
        }

        try
        {
            var response = await table.UpdateEntityAsync(entity, new ETag(batch.Version), mode, cancellationToken).ConfigureAwait(false);
            batch.Version = response.Headers.ETag?.ToString();
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(CampaignBatch batch)
    {
        var parts = Pack(batch.Recipients);
        var entity = SummaryEntity(batch, batch.Counts with { Planned = batch.Recipients.Count }, parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            entity[PartName(i)] = parts[i];
        }

        return entity;
    }

    // The batch row's summary columns: everything but the frozen recipients, of which it names the number of parts.
    private static TableEntity SummaryEntity(CampaignBatch batch, CampaignCounts counts, int parts)
    {
        var entity = new TableEntity(PartitionOf(batch.CampaignId, batch.Number), BatchRow)
        {
            ["CampaignId"] = batch.CampaignId,
            ["Number"] = batch.Number,
            ["Variant"] = batch.Variant,
            ["Status"] = batch.Status.ToString(),
            ["ProviderMessageId"] = batch.ProviderMessageId ?? "",
            ["Detail"] = batch.Detail ?? "",
            [PartsColumn] = parts,
        };
        SetIfNotNull(entity, "ClaimedAt", batch.ClaimedAt);
        SetIfNotNull(entity, "CompletedAt", batch.CompletedAt);
        AddCounts(entity, counts);
        return entity;
    }

    // Null properties are not stored at all (the service has no null), so they are left out of the entity.
    private static void SetIfNotNull(TableEntity entity, string name, DateTimeOffset? value)
    {
        if (value is { } set)
        {
            entity[name] = set;
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static void AddCounts(TableEntity entity, CampaignCounts counts)
    {
        entity["Size"] = counts.Planned;
        entity["Sent"] = counts.Sent;
        entity["OutcomeUnknown"] = counts.OutcomeUnknown;
        entity["Suppressed"] = counts.Suppressed;
        entity["Failed"] = counts.Failed;
    }

    private static string PartName(int index) => PartPrefix + index.ToString("D2", CultureInfo.InvariantCulture);

    private static CampaignBatch ToBatch(TableEntity entity, bool withRecipients)
    {
        var status = Enum.Parse<CampaignBatchStatus>(entity.GetString("Status") ?? nameof(CampaignBatchStatus.Planned));
        IReadOnlyList<CampaignRecipient> recipients = [];
        if (withRecipients)
        {
            var parts = entity.GetInt32(PartsColumn) ?? 0;
            recipients = Unpack(Enumerable.Range(0, parts).Select(i => entity.GetBinary(PartName(i))));
        }

        return new CampaignBatch
        {
            CampaignId = entity.GetString("CampaignId") ?? "",
            Number = entity.GetInt32("Number") ?? 0,
            Variant = entity.GetString("Variant") ?? "",
            Recipients = recipients,
            Status = status,
            // A released claim leaves its time behind; only a batch in the hands of a worker has one.
            ClaimedAt = status == CampaignBatchStatus.Planned ? null : entity.GetDateTimeOffset("ClaimedAt"),
            CompletedAt = entity.GetDateTimeOffset("CompletedAt"),
            ProviderMessageId = NullIfEmpty(entity.GetString("ProviderMessageId")),
            Detail = NullIfEmpty(entity.GetString("Detail")),
            Counts = new CampaignCounts(
                entity.GetInt32("Size") ?? 0, entity.GetInt32("Sent") ?? 0, entity.GetInt32("OutcomeUnknown") ?? 0, entity.GetInt32("Suppressed") ?? 0, entity.GetInt32("Failed") ?? 0),
            Version = entity.ETag.ToString(),
        };
    }

    // Lean on purpose: a newsletter writes one row per recipient, so every property is paid 100,000 times. The campaign
    // and batch are the partition key's; an empty message id or detail is left out rather than written as "".
    private static TableEntity ToEntity(string partition, CampaignDelivery delivery)
    {
        var entity = new TableEntity(partition, delivery.RecipientKey)
        {
            ["Status"] = delivery.Status.ToString(),
            ["At"] = delivery.At,
        };
        if (!string.IsNullOrEmpty(delivery.ProviderMessageId))
        {
            entity["ProviderMessageId"] = delivery.ProviderMessageId;
        }

        if (!string.IsNullOrEmpty(delivery.Detail))
        {
            entity["Detail"] = delivery.Detail;
        }

        return entity;
    }

    private static CampaignDelivery ToDelivery(TableEntity entity)
    {
        var (campaignId, number) = ParsePartition(entity.PartitionKey);
        return new CampaignDelivery
        {
            CampaignId = campaignId,
            BatchNumber = number,
            RecipientKey = entity.RowKey,
            Status = Enum.Parse<CampaignDeliveryStatus>(entity.GetString("Status") ?? nameof(CampaignDeliveryStatus.Sent)),
            At = entity.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
            ProviderMessageId = NullIfEmpty(entity.GetString("ProviderMessageId")),
            Detail = NullIfEmpty(entity.GetString("Detail")),
        };
    }

    /// <summary>The campaign and batch number of a batch partition (<see cref="PartitionOf"/> read back).</summary>
    internal static (string CampaignId, int Number) ParsePartition(string partition)
    {
        var dash = partition.LastIndexOf('-');
        return dash > 0 && int.TryParse(partition.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? (partition[..dash], number)
            : throw new FormatException($"'{partition}' is not a campaign batch partition.");
    }
}
