using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;

namespace Outreach.Core.Storage;

/// <summary>
/// Creates the app's tables and queues once, when the host starts, so that no request pays for a create-if-missing
/// call. Creating what exists is a no-op (the queue client then answers null, which is not an error).
/// </summary>
public sealed class StorageInitializer : IHostedService
{
    private readonly TableServiceClient tables;
    private readonly QueueServiceClient queues;

    /// <summary>Creates the initializer.</summary>
    public StorageInitializer(TableServiceClient tables, QueueServiceClient queues)
    {
        this.tables = tables;
        this.queues = queues;
    }

    /// <summary>Makes sure every table and queue of <see cref="StorageNames"/> exists.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var table in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => EnsureCreatedAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
