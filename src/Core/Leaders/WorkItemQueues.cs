using System.Text.Json;
using Outreach.Core.Storage;
using Outreach.Core.Storage.Queues;

namespace Outreach.Core.Leaders;

/// <summary>Puts work items on the queues directly, for flows started over HTTP (a staff import) rather than by a timer's output binding.</summary>
public interface IWorkItemSender
{
    /// <summary>Queues one welcome letter per item.</summary>
    Task EnqueueWelcomesAsync(IEnumerable<WelcomeWorkItem> items, CancellationToken cancellationToken = default);

    /// <summary>Queues one follow-up per item.</summary>
    Task EnqueueFollowUpsAsync(IEnumerable<FollowUpWorkItem> items, CancellationToken cancellationToken = default);
}

/// <summary>Writes work items as the same JSON the queue triggers read (Base64 on the wire, as the Functions host expects).</summary>
internal sealed class QueueWorkItemSender : IWorkItemSender
{
    private readonly QueueServiceClient queues;
    private readonly StorageInitializer initializer;

    public QueueWorkItemSender(QueueServiceClient queues, StorageInitializer initializer)
    {
        this.queues = queues;
        this.initializer = initializer;
    }

    public async Task EnqueueWelcomesAsync(IEnumerable<WelcomeWorkItem> items, CancellationToken cancellationToken = default)
    {
        await initializer.EnsureCreatedAsync(cancellationToken);
        var queue = queues.GetQueueClient(StorageNames.WelcomeQueue);
        foreach (var item in items)
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(item, WorkItemJsonContext.Default.WelcomeWorkItem), cancellationToken);
        }
    }

    public async Task EnqueueFollowUpsAsync(IEnumerable<FollowUpWorkItem> items, CancellationToken cancellationToken = default)
    {
        await initializer.EnsureCreatedAsync(cancellationToken);
        var queue = queues.GetQueueClient(StorageNames.FollowUpQueue);
        foreach (var item in items)
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(item, WorkItemJsonContext.Default.FollowUpWorkItem), cancellationToken);
        }
    }
}
