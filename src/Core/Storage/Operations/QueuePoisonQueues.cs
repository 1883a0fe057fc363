using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Outreach.Core.Operations;

namespace Outreach.Core.Storage;

/// <summary>
/// <see cref="IPoisonQueues"/> on Azure Queue Storage, through the app's raw <see cref="QueueServiceClient"/>
/// (<see cref="StorageServiceCollectionExtensions.RawQueueClientName"/>: the pinned service version, text as stored). The
/// text is decoded from Base64 here, as the Functions host wrote it; a message that is not Base64 is shown as stored
/// rather than making the whole listing fail, and a requeued message goes back byte for byte.
/// </summary>
/// <remarks>
/// The service shows at most 32 messages per call and peeking only ever shows the first 32, so a listing peeks (which
/// changes nothing) and only a queue with more than that is walked by receiving 32 at a time with a short visibility,
/// each message being made visible again at once afterwards. Deleting needs a pop receipt, which only a receive gives, so
/// requeue and discard walk the same way until they meet the message. A walk that stops half-way (a crash) leaves the
/// messages hidden for <see cref="WalkVisibility"/> only. Receiving counts as a dequeue; nobody consumes a poison queue,
/// so that count is informational, and the listing reports it without its own receive.
/// </remarks>
internal sealed class QueuePoisonQueues : IPoisonQueues
{
    /// <summary>How long a walked message stays hidden if the walk cannot make it visible again.</summary>
    public static readonly TimeSpan WalkVisibility = TimeSpan.FromSeconds(30);

    /// <summary>The most messages one walk receives.</summary>
    public const int MaxWalked = 5000;

    private const int PageSize = 32;

    private readonly QueueServiceClient queues;
    private readonly IReadOnlyDictionary<string, string> workQueueByPoisonQueue;

    /// <summary>The poison queues of the letters and the campaigns, each with the work queue it came from.</summary>
    public static IReadOnlyDictionary<string, string> LetterPoisonQueues { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [StorageNames.WelcomeQueue + "-poison"] = StorageNames.WelcomeQueue,
        [StorageNames.FollowUpQueue + "-poison"] = StorageNames.FollowUpQueue,
        [StorageNames.CampaignPlanQueue + "-poison"] = StorageNames.CampaignPlanQueue,
        [StorageNames.CampaignBatchQueue + "-poison"] = StorageNames.CampaignBatchQueue,
    };

    public QueuePoisonQueues(QueueServiceClient queues)
        : this(queues, LetterPoisonQueues)
    {
    }

    /// <summary>Poison queues of other names (tests use queues of their own).</summary>
    public QueuePoisonQueues(QueueServiceClient queues, IReadOnlyDictionary<string, string> workQueueByPoisonQueue)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentNullException.ThrowIfNull(workQueueByPoisonQueue);
        this.queues = queues;
        this.workQueueByPoisonQueue = workQueueByPoisonQueue;
        Names = [.. workQueueByPoisonQueue.Keys.Order(StringComparer.Ordinal)];
    }

    public IReadOnlyList<string> Names { get; }

    public async Task<IReadOnlyList<PoisonQueueMessage>> ListAsync(string queue, int limit, CancellationToken cancellationToken = default)
    {
        var client = Client(queue);
        PeekedMessage[] peeked;
        try
        {
            peeked = (await client.PeekMessagesAsync(PageSize, cancellationToken).ConfigureAwait(false)).Value;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // The host creates a poison queue with its first message: none yet.
            return [];
        }

        if (peeked.Length < PageSize || limit <= PageSize)
        {
            return [.. peeked.Take(limit).Select(m => new PoisonQueueMessage(m.MessageId, m.InsertedOn, m.DequeueCount, Decode(m.MessageText)))];
        }

        var walked = new List<QueueMessage>();
        try
        {
            await WalkAsync(client, walked, Math.Min(limit, MaxWalked), _ => false, cancellationToken).ConfigureAwait(false);
            return [.. walked.OrderBy(m => m.InsertedOn).Select(m => new PoisonQueueMessage(m.MessageId, m.InsertedOn, m.DequeueCount - 1, Decode(m.MessageText)))];
        }
        finally
        {
            await ReleaseAsync(client, walked).ConfigureAwait(false);
        }
    }

    public Task<bool> RequeueAsync(string queue, string messageId, CancellationToken cancellationToken = default)
    {
        var work = queues.GetQueueClient(workQueueByPoisonQueue[queue]);
        // Sent before it is deleted: a crash in between leaves two copies, and a letter work item is idempotent.
        return WithMessageAsync(queue, messageId, async (poison, message) =>
        {
            await work.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
            await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<bool> DiscardAsync(string queue, string messageId, CancellationToken cancellationToken = default) =>
        WithMessageAsync(queue, messageId, (poison, message) => poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken), cancellationToken);

    private async Task<bool> WithMessageAsync(string queue, string messageId, Func<QueueClient, QueueMessage, Task> act, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        var client = Client(queue);
        var passed = new List<QueueMessage>();
        try
        {
            QueueMessage? found = null;
            await WalkAsync(client, passed, MaxWalked, message =>
            {
                if (string.Equals(message.MessageId, messageId, StringComparison.Ordinal))
                {
                    found = message;
                    return true;
                }

                return false;
            }, cancellationToken).ConfigureAwait(false);
            if (found is null)
            {
                return false;
            }

            await act(client, found).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return false;
        }
        finally
        {
            await ReleaseAsync(client, passed).ConfigureAwait(false);
        }
    }

    // Receives pages until the queue is empty to us, `limit` are walked, or `stop` picks a message (which is not kept in
    // `walked`, so it is not made visible again).
    private static async Task WalkAsync(QueueClient client, List<QueueMessage> walked, int limit, Func<QueueMessage, bool> stop, CancellationToken cancellationToken)
    {
        while (walked.Count < limit)
        {
            var page = (await client.ReceiveMessagesAsync(Math.Min(PageSize, limit - walked.Count), WalkVisibility, cancellationToken).ConfigureAwait(false)).Value;
            if (page.Length == 0)
            {
                return;
            }

            foreach (var message in page)
            {
                if (stop(message))
                {
                    // The rest of the page is released with the others.
                    walked.AddRange(page.Where(other => other.MessageId != message.MessageId && !walked.Contains(other)));
                    return;
                }

                walked.Add(message);
            }
        }
    }

    // Makes walked messages visible again now rather than after WalkVisibility; not cancellable, so a cancelled request
    // does not leave them hidden.
    private static async Task ReleaseAsync(QueueClient client, List<QueueMessage> walked)
    {
        foreach (var message in walked)
        {
            try
            {
                await client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Gone meanwhile (discarded by someone else): nothing to release.
            }
        }
    }

    // The work item's text as the queue trigger reads it, or the stored text when it is not Base64 of UTF-8.
    private static string Decode(string stored)
    {
        var bytes = new byte[stored.Length];
        if (!Convert.TryFromBase64String(stored, bytes, out var length))
        {
            return stored;
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return stored;
        }
    }

    private QueueClient Client(string queue) =>
        workQueueByPoisonQueue.ContainsKey(queue)
            ? queues.GetQueueClient(queue)
            : throw new ArgumentException($"'{queue}' is not a known poison queue.", nameof(queue));
}
