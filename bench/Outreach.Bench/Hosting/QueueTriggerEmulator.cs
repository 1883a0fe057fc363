using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace Outreach.Bench.Hosting;

/// <summary>
/// Consumes one queue the way the Functions queue trigger does with <see cref="HostQueueSettings"/>: receives up to
/// batchSize messages, runs them concurrently, fetches more once no more than newBatchThreshold are running; an empty
/// queue is polled with a backoff from 100 ms up to maxPollingInterval; a failed message becomes visible again after
/// visibilityTimeout and goes to <c>{queue}-poison</c> after maxDequeueCount attempts; a handled message is deleted.
/// With <c>duplicate</c> every message is handed to two handlers, the second 0-150 ms after the first (the at-least-once
/// delivery a queue allows).
/// </summary>
internal sealed class QueueTriggerEmulator : IDisposable
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);

    // The host holds a message invisible while its function runs (and renews); ten minutes is the functionTimeout.
    private static readonly TimeSpan ReceiveVisibility = TimeSpan.FromMinutes(10);

    private readonly QueueClient queue;
    private readonly QueueClient poison;
    private readonly HostQueueSettings settings;
    private readonly int maxInFlight;
    private readonly Func<BinaryData, CancellationToken, Task> handler;
    private readonly bool duplicate;
    private readonly string phase;
    private readonly SemaphoreSlim slots;
    private long failures;
    private long poisoned;

    public QueueTriggerEmulator(QueueServiceClient queues, string queueName, HostQueueSettings settings, int maxInFlight, string phase, Func<BinaryData, CancellationToken, Task> handler, bool duplicate = false)
    {
        ArgumentNullException.ThrowIfNull(queues);
        queue = queues.GetQueueClient(queueName);
        poison = queues.GetQueueClient(queueName + "-poison");
        this.settings = settings;
        this.maxInFlight = maxInFlight;
        this.phase = phase;
        this.handler = handler;
        this.duplicate = duplicate;
        slots = new SemaphoreSlim(maxInFlight, maxInFlight);
    }

    /// <summary>Handler invocations that threw (the message was retried or poisoned).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Messages being handled now.</summary>
    public int InFlight => maxInFlight - slots.CurrentCount;

    /// <summary>Messages moved to the poison queue.</summary>
    public long Poisoned => Interlocked.Read(ref poisoned);

    /// <summary>The last exception a handler threw, for the report.</summary>
    public Exception? LastFailure { get; private set; }

    public void Dispose() => slots.Dispose();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Measuring.StorageRequestCounter.Phase = "queue-host";
        var delay = MinimumPollingInterval;
        var batchSize = Math.Min(32, Math.Min(settings.BatchSize, maxInFlight));
        var threshold = Math.Max(0, maxInFlight - batchSize);
        var running = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            // Fetch only when no more than the threshold are running, as the host does.
            while (maxInFlight - slots.CurrentCount > threshold && !cancellationToken.IsCancellationRequested)
            {
                await Task.WhenAny(running.Append(Task.Delay(Timeout.Infinite, cancellationToken)));
                running.RemoveAll(task => task.IsCompleted);
            }

            QueueMessage[] messages;
            try
            {
                messages = (await queue.ReceiveMessagesAsync(batchSize, ReceiveVisibility, cancellationToken)).Value;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            if (messages.Length == 0)
            {
                try
                {
                    await Task.Delay(delay, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                continue;
            }

            delay = MinimumPollingInterval;
            foreach (var message in messages)
            {
                await slots.WaitAsync(CancellationToken.None);
                running.Add(Task.Run(() => HandleAsync(message, cancellationToken), CancellationToken.None));
            }

            running.RemoveAll(task => task.IsCompleted);
        }

        await Task.WhenAll(running);
    }

    private async Task HandleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        Measuring.StorageRequestCounter.Phase = phase;
        try
        {
            if (duplicate)
            {
                // The same message to a second consumer 0-150 ms later: at once (both find it Planned), or while the
                // first one's request is under way (the second finds it Sending). Each must be harmless to the other.
                var late = TimeSpan.FromMilliseconds(Random.Shared.Next(0, 150));
                await Task.WhenAll(
                    handler(message.Body, cancellationToken),
                    Task.Run(async () =>
                    {
                        await Task.Delay(late, cancellationToken);
                        await handler(message.Body, cancellationToken);
                    }, CancellationToken.None));
            }
            else
            {
                await handler(message.Body, cancellationToken);
            }

            Measuring.StorageRequestCounter.Phase = "queue-host";
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
        }
#pragma warning disable CA1031 // The host catches every exception of a function and retries the message.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref failures);
            LastFailure = exception;
            Measuring.StorageRequestCounter.Phase = "queue-host";
            try
            {
                if (message.DequeueCount >= settings.MaxDequeueCount)
                {
                    await poison.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
                    await poison.SendMessageAsync(message.Body, cancellationToken: CancellationToken.None);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None);
                    Interlocked.Increment(ref poisoned);
                }
                else
                {
                    await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: CancellationToken.None);
                }
            }
            catch (RequestFailedException)
            {
                // The message's receipt expired: it is visible again anyway.
            }
        }
        finally
        {
            slots.Release();
        }
    }
}
