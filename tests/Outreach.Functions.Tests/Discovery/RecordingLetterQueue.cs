using System.Collections.Concurrent;
using Outreach.Core.Letters;

namespace Outreach.Functions.Tests.Discovery;

/// <summary>A letter queue of one test's own: what was queued, in order (the Azurite queues are shared by every test).</summary>
internal sealed class RecordingLetterQueue : ILetterQueue
{
    public ConcurrentQueue<WelcomeWorkItem> Welcomes { get; } = new();

    public Task EnqueueWelcomesAsync(IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            Welcomes.Enqueue(item);
        }

        return Task.CompletedTask;
    }

    public Task EnqueueFollowUpsAsync(IReadOnlyCollection<FollowUpWorkItem> items, CancellationToken cancellationToken = default) =>
        Task.CompletedTask;
}
