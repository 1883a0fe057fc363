using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Outreach.Core.Email;
using Outreach.Core.Storage;
using Outreach.Core.Storage.Tables;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Leaders;

/// <summary>Reads and writes leaders, their events, deliveries, suppressions and opt-outs in Table Storage.</summary>
internal sealed class LeaderStore
{
    private readonly TableClient leaders;
    private readonly TableClient events;
    private readonly TableClient deliveries;
    private readonly TableClient suppressions;
    private readonly TableClient optOuts;
    private readonly StorageInitializer initializer;
    private readonly TimeProvider time;
    private static long eventSequence;

    public LeaderStore(TableServiceClient tables, StorageInitializer initializer, TimeProvider time)
    {
        leaders = tables.GetTableClient(StorageNames.LeadersTable);
        events = tables.GetTableClient(StorageNames.LeaderEventsTable);
        deliveries = tables.GetTableClient(StorageNames.DeliveriesTable);
        suppressions = tables.GetTableClient(StorageNames.SuppressionsTable);
        optOuts = tables.GetTableClient(StorageNames.OptOutsTable);
        this.initializer = initializer;
        this.time = time;
    }

    /// <summary>A stable id for a person of a source: the same input always resolves to the same leader row.</summary>
    public static string LeaderIdFor(string district, string source, string sourceId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(district + "\n" + source + "\n" + sourceId));
        return "l" + Convert.ToHexStringLower(hash)[..20];
    }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => initializer.EnsureCreatedAsync(cancellationToken);

    public async Task<LeaderEntity?> GetAsync(string district, string leaderId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var response = await leaders.GetEntityIfExistsAsync<LeaderEntity>(district, leaderId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task<List<LeaderEntity>> ListAsync(string district, string? filter, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var partition = TableClient.CreateQueryFilter($"PartitionKey eq {district}");
        var result = new List<LeaderEntity>();
        await foreach (var leader in leaders.QueryAsync<LeaderEntity>(filter is null ? partition : partition + " and (" + filter + ")", cancellationToken: cancellationToken))
        {
            result.Add(leader);
        }

        return result;
    }

    public async Task AddAsync(LeaderEntity leader, string actor, string reason, CancellationToken cancellationToken)
    {
        await leaders.AddEntityAsync(leader, cancellationToken);
        await AppendEventAsync(leader, null, leader.State, actor, reason, cancellationToken);
    }

    /// <summary>Saves a changed leader if nobody changed it since it was read (412 otherwise).</summary>
    public async Task UpdateAsync(LeaderEntity leader, CancellationToken cancellationToken)
    {
        var response = await leaders.UpdateEntityAsync(leader, leader.ETag, TableUpdateMode.Replace, cancellationToken);
        leader.ETag = response.Headers.ETag ?? default;
    }

    /// <summary>Moves a leader to <paramref name="to"/>, saving it with its ETag, and records the event with its cause.</summary>
    public async Task TransitionAsync(LeaderEntity leader, LeaderState to, string actor, string reason, CancellationToken cancellationToken)
    {
        var from = leader.State;
        leader.State = to;
        await UpdateAsync(leader, cancellationToken);
        await AppendEventAsync(leader, from, to, actor, reason, cancellationToken);
    }

    public async Task AppendEventAsync(LeaderEntity leader, LeaderState? from, LeaderState to, string actor, string reason, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        await events.AddEntityAsync(
            new LeaderEventEntity
            {
                PartitionKey = EventPartition(leader.District, leader.LeaderId),
                // Time first so that the partition reads in order; the sequence orders events of one instant (a fake
                // clock, or a coarse one) as they were written here; the random tail keeps other processes apart.
                RowKey = at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" +
                         Interlocked.Increment(ref eventSequence).ToString("D12", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6],
                At = at,
                From = from,
                To = to,
                Actor = actor,
                Reason = reason,
            },
            cancellationToken);
    }

    public async Task<List<LeaderEventEntity>> GetEventsAsync(string district, string leaderId, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var result = new List<LeaderEventEntity>();
        await foreach (var entry in events.QueryAsync<LeaderEventEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {EventPartition(district, leaderId)}"), cancellationToken: cancellationToken))
        {
            result.Add(entry);
        }

        return result;
    }

    /// <summary>
    /// Claims the right to send one letter. Only one caller ever wins a claim (the insert is the lock); everyone else
    /// gets the existing delivery back and must not send.
    /// </summary>
    public async Task<(bool Claimed, DeliveryEntity Delivery)> ClaimDeliveryAsync(string district, string leaderId, string kind, string template, CancellationToken cancellationToken)
    {
        var delivery = new DeliveryEntity
        {
            PartitionKey = leaderId,
            RowKey = kind,
            District = district,
            Status = DeliveryStatus.Claimed,
            ClaimedAt = time.GetUtcNow(),
            Template = template,
        };
        try
        {
            var response = await deliveries.AddEntityAsync(delivery, cancellationToken);
            delivery.ETag = response.Headers.ETag ?? default;
            return (true, delivery);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var existing = await deliveries.GetEntityAsync<DeliveryEntity>(leaderId, kind, cancellationToken: cancellationToken);
            return (false, existing.Value);
        }
    }

    public async Task<DeliveryEntity?> GetDeliveryAsync(string leaderId, string kind, CancellationToken cancellationToken)
    {
        var response = await deliveries.GetEntityIfExistsAsync<DeliveryEntity>(leaderId, kind, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    public async Task SaveDeliveryAsync(DeliveryEntity delivery, CancellationToken cancellationToken)
    {
        var response = await deliveries.UpsertEntityAsync(delivery, TableUpdateMode.Replace, cancellationToken);
        delivery.ETag = response.Headers.ETag ?? default;
    }

    /// <summary>Gives a claim back when the letter certainly did not go out, so that a retry may send it.</summary>
    /// <remarks>
    /// Unconditional: only the claimer releases, and the claimer knows nothing went out. A duplicate work item that met the
    /// claim meanwhile may have marked it outcome unknown (changing its ETag); that guess is wrong and must not survive.
    /// </remarks>
    public Task ReleaseDeliveryAsync(DeliveryEntity delivery, CancellationToken cancellationToken) =>
        deliveries.DeleteEntityAsync(delivery.PartitionKey, delivery.RowKey, ETag.All, cancellationToken);

    public async Task<string?> SuppressionReasonAsync(string email, CancellationToken cancellationToken)
    {
        var response = await suppressions.GetEntityIfExistsAsync<SuppressionEntity>("email", EmailAddresses.Hash(email), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.Reason : null;
    }

    public Task SuppressAsync(string email, string reason, CancellationToken cancellationToken) =>
        suppressions.UpsertEntityAsync(
            new SuppressionEntity { PartitionKey = "email", RowKey = EmailAddresses.Hash(email), Reason = reason, At = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);

    public async Task<bool> HasOptedOutAsync(string email, OptOutCategory category, CancellationToken cancellationToken)
    {
        var hash = EmailAddresses.Hash(email);
        foreach (var name in new[] { category.ToString(), nameof(OptOutCategory.All) })
        {
            if ((await optOuts.GetEntityIfExistsAsync<OptOutEntity>(hash, name, cancellationToken: cancellationToken)).HasValue)
            {
                return true;
            }
        }

        return false;
    }

    public async Task RecordOptOutAsync(string emailHash, OptOutCategory category, string district, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await optOuts.UpsertEntityAsync(
            new OptOutEntity { PartitionKey = emailHash, RowKey = category.ToString(), District = district, At = time.GetUtcNow() },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    private static string EventPartition(string district, string leaderId) => district + "|" + leaderId;
}
