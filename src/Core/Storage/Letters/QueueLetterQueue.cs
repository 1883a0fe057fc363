using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Azure.Storage.Queues;
using Outreach.Core.Letters;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="ILetterQueue"/> on Azure Queue Storage. The service has no batch put, so a batch is sent as concurrent
/// puts, a bounded number at a time; the client Base64-encodes, as the Functions queue trigger expects.
/// </summary>
internal sealed class QueueLetterQueue : ILetterQueue
{
    private const int ConcurrentPuts = 16;

    private readonly QueueClient welcomes;
    private readonly QueueClient followUps;

    public QueueLetterQueue(QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        welcomes = queues.GetQueueClient(StorageNames.WelcomeQueue);
        followUps = queues.GetQueueClient(StorageNames.FollowUpQueue);
    }

    public Task EnqueueWelcomesAsync(IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken cancellationToken = default) =>
        SendAsync(welcomes, items, WorkItemJsonContext.Default.WelcomeWorkItem, cancellationToken);

    public Task EnqueueFollowUpsAsync(IReadOnlyCollection<FollowUpWorkItem> items, CancellationToken cancellationToken = default) =>
        SendAsync(followUps, items, WorkItemJsonContext.Default.FollowUpWorkItem, cancellationToken);

    private static async Task SendAsync<T>(QueueClient queue, IReadOnlyCollection<T> items, JsonTypeInfo<T> json, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        // Every message is checked before the first is sent, so an oversized item sends none of the batch.
        var messages = items.Select(item => JsonSerializer.Serialize(item, json)).ToList();
        messages.ForEach(StorageLimits.CheckQueueMessage);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentPuts, CancellationToken = cancellationToken },
            async (message, ct) => await queue.SendMessageAsync(message, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
