using System.Text.Json;
using Azure.Storage.Queues;
using Outreach.Core.CampaignSending;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="ICampaignWorkQueue"/> on Azure Queue Storage (<c>campaign-plans</c>, <c>campaign-batches</c>): the JSON of
/// the work items, Base64-encoded by the client as the Functions queue trigger expects (like <see cref="QueueLetterQueue"/>).
/// </summary>
internal sealed class QueueCampaignWorkQueue : ICampaignWorkQueue
{
    /// <summary>The longest visibility delay the service accepts.</summary>
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromDays(7);

    private const int ConcurrentPuts = 16;

    // A delayed message must not expire before it becomes visible: delayed ones never expire (-1).
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueClient plans;
    private readonly QueueClient batches;

    public QueueCampaignWorkQueue(QueueServiceClient queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        plans = queues.GetQueueClient(StorageNames.CampaignPlanQueue);
        batches = queues.GetQueueClient(StorageNames.CampaignBatchQueue);
    }

    public Task EnqueuePlanAsync(CampaignPlanWorkItem item, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Serialize(item, CampaignWorkItemJsonContext.Default.CampaignPlanWorkItem);
        StorageLimits.CheckQueueMessage(message);
        return plans.SendMessageAsync(message, cancellationToken);
    }

    public async Task EnqueueBatchesAsync(IReadOnlyCollection<CampaignBatchWorkItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var messages = items.Select(item => JsonSerializer.Serialize(item, CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem)).ToList();
        messages.ForEach(StorageLimits.CheckQueueMessage);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentPuts, CancellationToken = cancellationToken },
            async (message, ct) => await batches.SendMessageAsync(message, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    public Task EnqueueBatchAsync(CampaignBatchWorkItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        var message = JsonSerializer.Serialize(item, CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem);
        StorageLimits.CheckQueueMessage(message);
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;
        return batches.SendMessageAsync(message, visibility, NeverExpires, cancellationToken);
    }
}
