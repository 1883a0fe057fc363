using System.Diagnostics.CodeAnalysis;

namespace Outreach.Core.Letters;

/// <summary>
/// The work queues of the letters (<c>welcome-letters</c>, <c>follow-up-letters</c>), written as the JSON the queue
/// triggers read. Items are sent many at a time; a letter is idempotent, so an item queued twice sends once.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the Storage queues of letter work items.")]
public interface ILetterQueue
{
    /// <summary>Queues one welcome letter per item.</summary>
    Task EnqueueWelcomesAsync(IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken cancellationToken = default);

    /// <summary>Queues one follow-up per item.</summary>
    Task EnqueueFollowUpsAsync(IReadOnlyCollection<FollowUpWorkItem> items, CancellationToken cancellationToken = default);
}
