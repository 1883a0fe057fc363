using Azure;
using Azure.Data.Tables;
using Outreach.Core.Letters;

namespace Outreach.Core.Storage;

/// <summary><see cref="IDeliveryRepository"/> on the <c>deliveries</c> table; the claim is an insert, so only one caller wins it.</summary>
internal sealed class TableDeliveryRepository : IDeliveryRepository
{
    private readonly TableClient table;

    public TableDeliveryRepository(TableServiceClient tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        table = tables.GetTableClient(StorageNames.DeliveriesTable);
    }

    public async Task<Delivery?> GetAsync(string leaderId, string kind, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<DeliveryTableEntity>(leaderId, kind, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.ToDelivery() : null;
    }

    public async Task<(bool Claimed, Delivery Delivery)> ClaimAsync(Delivery claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var entity = DeliveryTableEntity.From(claim);
        StorageLimits.CheckEntity(entity);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return (true, claim);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var existing = await table.GetEntityAsync<DeliveryTableEntity>(claim.LeaderId, claim.Kind, cancellationToken: cancellationToken).ConfigureAwait(false);
            return (false, existing.Value.ToDelivery());
        }
    }

    public Task SaveAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = DeliveryTableEntity.From(delivery);
        StorageLimits.CheckEntity(entity);
        return table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<bool> TryUpdateAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var entity = DeliveryTableEntity.From(delivery);
        StorageLimits.CheckEntity(entity);
        try
        {
            var response = await table.UpdateEntityAsync(entity, delivery.Version is null ? ETag.All : new ETag(delivery.Version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            delivery.Version = response.Headers.ETag?.ToString();
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <remarks>
    /// Unconditional: only the claimer releases, and the claimer knows nothing went out. A duplicate work item that met the
    /// claim meanwhile may have marked it outcome unknown; that guess is wrong and must not survive.
    /// </remarks>
    public async Task ReleaseAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await table.DeleteEntityAsync(delivery.LeaderId, delivery.Kind, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // Released already: the same state.
        }
    }

    public async Task<IReadOnlyList<Delivery>> ListForLeaderAsync(string leaderId, CancellationToken cancellationToken)
    {
        var found = new List<Delivery>();
        await foreach (var entity in table.QueryAsync<DeliveryTableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {leaderId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(entity.ToDelivery());
        }

        return found;
    }

    public async Task<bool> DeleteAsync(string leaderId, string kind, CancellationToken cancellationToken)
    {
        try
        {
            var response = await table.DeleteEntityAsync(leaderId, kind, ETag.All, cancellationToken).ConfigureAwait(false);
            return response.Status != 404;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
    }

    /// <remarks>
    /// The table is keyed by leader, so no key range holds the unknown outcomes: the query scans with a server-side filter on
    /// <c>Status</c> (and <c>District</c>), so only the matches travel. They are few (staff resolve them), and the scan is a
    /// staff request, never part of sending.
    /// </remarks>
    public async Task<IReadOnlyList<Delivery>> ListOutcomeUnknownAsync(string? district, int limit, CancellationToken cancellationToken)
    {
        var status = nameof(DeliveryStatus.OutcomeUnknown);
        var filter = district is null
            ? TableClient.CreateQueryFilter($"Status eq {status}")
            : TableClient.CreateQueryFilter($"Status eq {status} and District eq {district}");
        var found = new List<Delivery>();
        await foreach (var entity in table.QueryAsync<DeliveryTableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(entity.ToDelivery());
            if (found.Count >= limit)
            {
                break;
            }
        }

        return found;
    }
}
