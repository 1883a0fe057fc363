using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Invocations;

namespace Outreach.DevHost.Queues;

/// <summary>
/// Plays the queue trigger for one function with the storage extension's semantics: receive up to <c>batchSize</c> messages,
/// fetch the next batch when no more than <c>newBatchThreshold</c> are still running, base64-decode each message, delete it
/// after a successful invocation, make it visible again after <c>visibilityTimeout</c> after a failed one, and move it to
/// <c>{queue}-poison</c> once it has failed <c>maxDequeueCount</c> times. An empty queue is polled with a backoff up to
/// <c>maxPollingInterval</c>; a message written by this DevHost wakes the poller at once. Storage errors of any kind (Azurite
/// gone, Azure.Core's AggregateException after its retries) never end the listener: it logs one line, backs off and resumes.
/// </summary>
public sealed partial class QueueTriggerListener : IDisposable
{
    private static readonly TimeSpan MinimumPollingInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaximumOutageBackoff = TimeSpan.FromSeconds(5);
    private readonly FunctionDefinition function;
    private readonly QueueClient queue;
    private readonly QueueClient poisonQueue;
    private readonly QueueBindings bindings;
    private readonly QueueSettings settings;
    private readonly TimeSpan receiveVisibilityTimeout;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim wake = new(0, 1);
    private readonly SemaphoreSlim slotFreed = new(0, 1);
    private int inFlight;

    /// <summary>Creates the listener for the queue trigger of <paramref name="function"/>.</summary>
    public QueueTriggerListener(FunctionDefinition function, QueueBindings bindings, HostSettings host, FunctionInvoker invoker, TimeProvider time, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(bindings);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.function = function;
        this.bindings = bindings;
        queue = bindings.QueueFor(function.Trigger);
        poisonQueue = bindings.PoisonQueueFor(function.Trigger);
        settings = host.Queues;

        // Long enough for the longest invocation, so a running message never reappears (the host renews instead).
        receiveVisibilityTimeout = (host.FunctionTimeout ?? TimeSpan.FromMinutes(10)) + TimeSpan.FromMinutes(1);
        this.invoker = invoker;
        this.time = time;
        logger = loggerFactory.CreateLogger("Host.Queues");
    }

    /// <summary>The queue this function is triggered by.</summary>
    public string QueueName => queue.Name;

    /// <summary>Polls now instead of waiting for the backoff (a message was just written to this queue).</summary>
    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>
    /// Polls until <paramref name="cancellationToken"/> is cancelled, then waits for the running invocations, which only
    /// <paramref name="abortToken"/> cancels (a stopping host lets running functions finish within a grace period).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken abortToken)
    {
        var running = new List<Task>();
        var delay = MinimumPollingInterval;
        var outage = TimeSpan.Zero;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // The extension's rule: a new batch once no more than newBatchThreshold messages are still in flight.
                while (Volatile.Read(ref inFlight) > settings.NewBatchThreshold)
                {
                    await slotFreed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                running.RemoveAll(task => task.IsCompleted);
                QueueMessage[] messages;
                try
                {
                    messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, receiveVisibilityTimeout, cancellationToken).ConfigureAwait(false)).Value;
                    if (outage > TimeSpan.Zero)
                    {
                        LogReceiveResumed(logger, queue.Name);
                        outage = TimeSpan.Zero;
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    if (exception is RequestFailedException { Status: 404 })
                    {
                        // The queue is gone (an in-memory Azurite restarted): create it again, as the host does at start.
                        bindings.ForgetCreated(queue);
                        await TryCreateAsync(cancellationToken).ConfigureAwait(false);
                    }

                    if (outage == TimeSpan.Zero)
                    {
                        LogReceiveFailed(logger, queue.Name, StorageErrors.Describe(exception));
                    }

                    outage = TimeSpan.FromTicks(Math.Min(Math.Max(outage.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks), MaximumOutageBackoff.Ticks));
                    await Task.Delay(outage, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (messages.Length == 0)
                {
                    await WaitForWorkAsync(delay, cancellationToken).ConfigureAwait(false);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinimumPollingInterval;
                foreach (var message in messages)
                {
                    Interlocked.Increment(ref inFlight);
                    running.Add(ProcessAsync(message, abortToken));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await bindings.EnsureCreatedAsync(queue, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Still unavailable: the next receive says so.
        }
    }

    private async Task WaitForWorkAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(delay);
        try
        {
            await wake.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The backoff elapsed.
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // A message that already failed maxDequeueCount times (e.g. DevHost died while it ran) is not run again.
            if (message.DequeueCount > settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, "it was dequeued more often than maxDequeueCount", cancellationToken).ConfigureAwait(false);
                return;
            }

            string? failure;
            if (!TryDecode(message.MessageText, out var text))
            {
                // The storage extension fails the binding ("not a valid Base-64 string") without calling the function.
                failure = "the message is not valid base64 (host.json messageEncoding)";
                LogNotBase64(logger, queue.Name, message.MessageId, message.DequeueCount);
            }
            else
            {
                var request = TriggerData.NewInvocation(function, time.GetUtcNow());
                TriggerData.AddQueueMessage(request, function, message, text);
                var record = await invoker.InvokeAsync(function, request, $"New queue message detected on '{queue.Name}'.", cancellationToken).ConfigureAwait(false);
                failure = record.FailureReason;
            }

            if (failure is null)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, failure, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, (string?)null, settings.VisibilityTimeout, cancellationToken).ConfigureAwait(false);
                LogRetry(logger, queue.Name, message.MessageId, message.DequeueCount, settings.MaxDequeueCount, settings.VisibilityTimeout.TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping before the function finished: make the message visible again at once, so the next run takes it up
            // rather than after the long visibility it was received with.
            await ReleaseAsync(message).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // E.g. the receipt expired or storage went away: the message will be seen again, as with the host.
            LogSettleFailed(logger, queue.Name, message.MessageId, StorageErrors.Describe(exception));
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
            try
            {
                slotFreed.Release();
            }
            catch (SemaphoreFullException)
            {
                // The poller is already signalled; it re-checks the count when it wakes.
            }
        }
    }

    private async Task ReleaseAsync(QueueMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, (string?)null, TimeSpan.Zero, timeout.Token).ConfigureAwait(false);
            LogReleased(logger, message.MessageId, queue.Name);
        }
        catch (Exception exception)
        {
            // It reappears after its visibility timeout instead.
            LogSettleFailed(logger, queue.Name, message.MessageId, StorageErrors.Describe(exception));
        }
    }

    private async Task MoveToPoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        LogPoison(logger, settings.MaxDequeueCount, poisonQueue.Name, message.MessageId, reason);
        await poisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        // The message text as it was on the queue (still base64), so it can be inspected or moved back unchanged.
        await poisonQueue.SendMessageAsync(message.MessageText, cancellationToken).ConfigureAwait(false);
        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        wake.Dispose();
        slotFreed.Dispose();
    }

    private bool TryDecode(string raw, out string text)
    {
        if (!settings.Base64Messages)
        {
            text = raw;
            return true;
        }

        var buffer = new byte[raw.Length];
        if (Convert.TryFromBase64String(raw, buffer, out var written))
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, written);
                return true;
            }
            catch (DecoderFallbackException)
            {
                // Not text: the function's string binding cannot take it.
            }
        }

        text = "";
        return false;
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "Message has reached MaxDequeueCount of {MaxDequeueCount}. Moving message to queue '{PoisonQueue}' (message {MessageId}; last failure: {Reason}).")]
    private static partial void LogPoison(ILogger logger, int maxDequeueCount, string poisonQueue, string messageId, string reason);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Message {MessageId} on '{Queue}' failed (dequeue count {DequeueCount} of {MaxDequeueCount}); it is visible again in {VisibilitySeconds:0} s")]
    private static partial void LogRetry(ILogger logger, string queue, string messageId, long dequeueCount, int maxDequeueCount, double visibilitySeconds);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error, Message = "Message {MessageId} on '{Queue}' is not valid base64 (dequeue count {DequeueCount}); the function is not called")]
    private static partial void LogNotBase64(ILogger logger, string queue, string messageId, long dequeueCount);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Queue '{Queue}' is unreachable ({Reason}); retrying with backoff")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, string reason);

    [LoggerMessage(EventId = 405, Level = LogLevel.Information, Message = "Queue '{Queue}' is reachable again; processing resumes")]
    private static partial void LogReceiveResumed(ILogger logger, string queue);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Message {MessageId} on '{Queue}' was not finished before the stop; it is visible again for the next run")]
    private static partial void LogReleased(ILogger logger, string messageId, string queue);

    [LoggerMessage(EventId = 404, Level = LogLevel.Warning, Message = "Settling message {MessageId} on '{Queue}' failed ({Reason}); it will be delivered again")]
    private static partial void LogSettleFailed(ILogger logger, string queue, string messageId, string reason);
}
