using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Queues;
using Outreach.DevHost.Rpc;
using Outreach.DevHost.Worker;

namespace Outreach.DevHost.Invocations;

/// <summary>
/// Sends invocations to the worker as the host does and finishes them: waits at most <c>functionTimeout</c> + 1 minute,
/// writes the queue output bindings of a successful invocation (named outputs and the return value), and logs the outcome
/// like <c>func start</c> ("Executing ..." / "Executed ... (Succeeded|Failed ...)").
/// </summary>
public sealed partial class FunctionInvoker
{
    private const int RecentInvocationsKept = 1000;
    private readonly Func<CancellationToken, Task<WorkerChannel>> worker;
    private readonly TimeSpan? timeout;
    private readonly QueueBindings queues;
    private readonly TimeProvider time;
    private readonly ILoggerFactory loggerFactory;
    private readonly Queue<InvocationRecord> recent = new();

    /// <summary>Creates the invoker; <paramref name="worker"/> gives the connected worker (waiting while it restarts).</summary>
    public FunctionInvoker(Func<CancellationToken, Task<WorkerChannel>> worker, TimeSpan? functionTimeout, QueueBindings queues, TimeProvider time, ILoggerFactory loggerFactory)
    {
        this.time = time;
        this.worker = worker;
        timeout = functionTimeout is { } limit ? limit + TimeSpan.FromMinutes(1) : null;
        this.queues = queues;
        this.loggerFactory = loggerFactory;
    }

    /// <summary>The most recent invocations (up to 1000), oldest first.</summary>
    public IReadOnlyList<InvocationRecord> RecentInvocations
    {
        get
        {
            lock (recent)
            {
                return [.. recent];
            }
        }
    }

    /// <summary>The connected worker (waits while it starts or restarts).</summary>
    public Task<WorkerChannel> WorkerAsync(CancellationToken cancellationToken) => worker(cancellationToken);

    /// <summary>
    /// Invokes <paramref name="function"/> with <paramref name="request"/> on the connected worker; <paramref name="reason"/> says why
    /// (the host's "Reason="). Returns the outcome once the outputs are written; never throws for a failed invocation.
    /// </summary>
    public async Task<InvocationRecord> InvokeAsync(FunctionDefinition function, InvocationRequest request, string reason, CancellationToken cancellationToken)
    {
        var channel = await worker(cancellationToken).ConfigureAwait(false);
        return await InvokeAsync(channel, function, request, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>As <see cref="InvokeAsync(FunctionDefinition, InvocationRequest, string, CancellationToken)"/>, on a given worker.</summary>
    public async Task<InvocationRecord> InvokeAsync(WorkerChannel channel, FunctionDefinition function, InvocationRequest request, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(request);
        var logger = loggerFactory.CreateLogger("Function." + function.Name);
        LogExecuting(logger, function.Name, reason, request.InvocationId);
        var started = Stopwatch.GetTimestamp();
        var startedAt = time.GetUtcNow();
        string? failure;
        string? stackTrace = null;
        var outputCount = 0;
        try
        {
            var response = await channel.InvokeAsync(request, timeout, cancellationToken).ConfigureAwait(false);
            failure = response.Result?.Status == StatusResult.Types.Status.Success ? null : Reason(response.Result);
            stackTrace = failure is null ? null : response.Result?.Exception?.StackTrace;
            if (failure is null)
            {
                outputCount = await WriteOutputsAsync(function, response, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (WorkerUnavailableException exception)
        {
            failure = exception.Message;
        }
        catch (TimeoutException)
        {
            failure = "The worker did not answer within functionTimeout.";
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The host fails the invocation when an output binding cannot be written; the trigger's retry applies.
            failure = "Writing the output bindings failed: " + exception.Message;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (failure is null)
        {
            LogSucceeded(logger, function.Name, request.InvocationId, elapsed.TotalMilliseconds, outputCount);
        }
        else
        {
            LogFailed(logger, function.Name, request.InvocationId, elapsed.TotalMilliseconds, failure);
            if (stackTrace is { Length: > 0 })
            {
                LogStackTrace(logger, stackTrace);
            }
        }

        var record = new InvocationRecord(function.Name, request.InvocationId, startedAt, failure is null, elapsed, outputCount, failure);
        lock (recent)
        {
            recent.Enqueue(record);
            while (recent.Count > RecentInvocationsKept)
            {
                recent.Dequeue();
            }
        }

        return record;
    }

    private async Task<int> WriteOutputsAsync(FunctionDefinition function, InvocationResponse response, CancellationToken cancellationToken)
    {
        var written = 0;
        foreach (var binding in function.QueueOutputs)
        {
            var value = binding.Name == BindingDefinition.ReturnName
                ? response.ReturnValue
                : response.OutputData.FirstOrDefault(output => string.Equals(output.Name, binding.Name, StringComparison.Ordinal))?.Data;
            var messages = OutputMessages.From(value);
            if (messages.Count > 0)
            {
                written += await queues.WriteAsync(function, binding, messages, cancellationToken).ConfigureAwait(false);
            }
        }

        return written;
    }

    private static string Reason(StatusResult? result) =>
        result?.Exception is { } exception
            ? (exception.Type is { Length: > 0 } type ? type + ": " : "") + exception.Message
            : result?.Result is { Length: > 0 } text ? text : "the worker reported a failure without a reason";

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' (Succeeded, Id={InvocationId}, Duration={DurationMilliseconds:0}ms, {OutputMessages} output message(s))")]
    private static partial void LogSucceeded(ILogger logger, string functionName, string invocationId, double durationMilliseconds, int outputMessages);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMilliseconds:0}ms): {Reason}")]
    private static partial void LogFailed(ILogger logger, string functionName, string invocationId, double durationMilliseconds, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Debug, Message = "{StackTrace}")]
    private static partial void LogStackTrace(ILogger logger, string stackTrace);
}
