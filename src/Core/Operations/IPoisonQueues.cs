namespace Outreach.Core.Operations;

/// <summary>
/// The poison queues of the letter queues: where the host moves a message after its last failed attempt. Messages are
/// named by queue and message id; the text is as the work queue's trigger reads it (decoded from Base64).
/// </summary>
public interface IPoisonQueues
{
    /// <summary>The poison queues known here; no other queue is read or changed.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The messages of poison queue <paramref name="queue"/>, at most <paramref name="limit"/>, oldest first.</summary>
    Task<IReadOnlyList<PoisonQueueMessage>> ListAsync(string queue, int limit, CancellationToken cancellationToken = default);

    /// <summary>Puts the message back on its work queue and removes it from the poison queue; false when there is no such message.</summary>
    Task<bool> RequeueAsync(string queue, string messageId, CancellationToken cancellationToken = default);

    /// <summary>Removes the message; false when there is no such message.</summary>
    Task<bool> DiscardAsync(string queue, string messageId, CancellationToken cancellationToken = default);
}
