using System.Diagnostics.CodeAnalysis;

namespace Outreach.Core.CampaignSending;

/// <summary>The campaign queues (<c>campaign-plans</c>, <c>campaign-batches</c>), written as the JSON the queue triggers read.</summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the Storage queues of campaign work items.")]
public interface ICampaignWorkQueue
{
    /// <summary>Queues the planning of one campaign.</summary>
    Task EnqueuePlanAsync(CampaignPlanWorkItem item, CancellationToken cancellationToken = default);

    /// <summary>Queues batches to send now.</summary>
    Task EnqueueBatchesAsync(IReadOnlyCollection<CampaignBatchWorkItem> items, CancellationToken cancellationToken = default);

    /// <summary>Queues one batch to become visible after <paramref name="delay"/> (outside the send window, or rate limited); at most 7 days.</summary>
    Task EnqueueBatchAsync(CampaignBatchWorkItem item, TimeSpan delay, CancellationToken cancellationToken = default);
}
