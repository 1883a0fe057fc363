using Azure.Storage.Queues.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Outreach.DevHost.TestWorker;

/// <summary>Queue triggers: one that answers on an output queue, one that always fails.</summary>
public sealed partial class QueueFunctions(ILogger<QueueFunctions> logger)
{
    /// <summary>Writes two messages per input message, so a test sees an array become one message per element.</summary>
    [Function("Echo")]
    [QueueOutput("%EchoOutputQueue%")]
    public string[] Echo([QueueTrigger("%EchoInputQueue%")] string message, string id, string dequeueCount)
    {
        LogEcho(logger, id, dequeueCount);
        return [message + "-1", message + "-2"];
    }

    /// <summary>Fails every time, so a test sees the retries and the move to the poison queue.</summary>
    [Function("Fail")]
    public void Fail([QueueTrigger("%FailQueue%")] QueueMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        LogFailing(logger, message.MessageId, message.DequeueCount);
        throw new InvalidOperationException("Failing on purpose: " + message.MessageText);
    }

    /// <summary>Takes a while, so a test sees how many messages DevHost runs at once.</summary>
    [Function("Slow")]
    public static async Task Slow([QueueTrigger("%SlowQueue%")] string message, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Task.Delay(TimeSpan.FromMilliseconds(800), context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs until cancelled, so a test can stop DevHost in the middle of an invocation.</summary>
    [Function("Hang")]
    public async Task Hang([QueueTrigger("%HangQueue%")] string message, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        LogHanging(logger, message);
        await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hanging on {Message}")]
    private static partial void LogHanging(ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Echo of message {Id}, dequeue count {DequeueCount}")]
    private static partial void LogEcho(ILogger logger, string id, string dequeueCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Failing message {Id} at dequeue count {DequeueCount}")]
    private static partial void LogFailing(ILogger logger, string id, long dequeueCount);
}
