using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.Worker;

/// <summary>
/// The event stream of one connected worker: requests to it (init, metadata, load, invocations) matched with their answers,
/// writes serialised (a gRPC response stream takes one write at a time), and the worker's <c>RpcLog</c> messages forwarded
/// to DevHost's log. Closes when the stream ends; anything still waiting then fails with <see cref="WorkerUnavailableException"/>.
/// </summary>
public sealed partial class WorkerChannel : IDisposable
{
    private readonly IServerStreamWriter<StreamingMessage> writer;
    private readonly ILoggerFactory loggerFactory;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> waiting = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal WorkerChannel(string workerId, IServerStreamWriter<StreamingMessage> writer, ILoggerFactory loggerFactory)
    {
        WorkerId = workerId;
        this.writer = writer;
        this.loggerFactory = loggerFactory;
    }

    /// <summary>The id DevHost gave the worker at start.</summary>
    public string WorkerId { get; }

    /// <summary>Where the worker serves HTTP functions (its <c>HttpUri</c> capability), once initialised.</summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>Completes when the stream has ended.</summary>
    public Task Closed => closed.Task;

    /// <summary>Sends <c>WorkerInitRequest</c> and returns the worker's capabilities; throws when it reports a failure.</summary>
    public async Task<IReadOnlyDictionary<string, string>> InitializeAsync(string hostVersion, string appFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new WorkerInitRequest { HostVersion = hostVersion, WorkerDirectory = appFolder, FunctionAppDirectory = appFolder };
        var answer = await RequestAsync("init", new StreamingMessage { WorkerInitRequest = request }, timeout, cancellationToken).ConfigureAwait(false);
        var response = answer.WorkerInitResponse;
        EnsureSucceeded(response.Result, "The worker failed to initialise");
        if (response.Capabilities.TryGetValue("HttpUri", out var httpUri) && Uri.TryCreate(httpUri, UriKind.Absolute, out var uri))
        {
            HttpUri = uri;
        }

        return response.Capabilities;
    }

    /// <summary>Asks the worker for its functions (worker indexing).</summary>
    public async Task<IReadOnlyList<RpcFunctionMetadata>> GetFunctionMetadataAsync(string appFolder, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new FunctionsMetadataRequest { FunctionAppDirectory = appFolder };
        var answer = await RequestAsync("metadata", new StreamingMessage { FunctionsMetadataRequest = request }, timeout, cancellationToken).ConfigureAwait(false);
        var response = answer.FunctionMetadataResponse;
        EnsureSucceeded(response.Result, "The worker could not list its functions");
        if (response.UseDefaultMetadataIndexing)
        {
            throw new InvalidOperationException("The worker asks the host to index its functions (function.json files); DevHost plays worker indexing only.");
        }

        return response.FunctionMetadataResults;
    }

    /// <summary>Loads one function in the worker.</summary>
    public async Task LoadAsync(string functionId, RpcFunctionMetadata metadata, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = new FunctionLoadRequest { FunctionId = functionId, Metadata = metadata };
        var answer = await RequestAsync("load:" + functionId, new StreamingMessage { FunctionLoadRequest = request }, timeout, cancellationToken).ConfigureAwait(false);
        EnsureSucceeded(answer.FunctionLoadResponse.Result, "The worker could not load " + metadata.Name);
    }

    /// <summary>
    /// Sends one invocation and waits for its response. When <paramref name="cancellationToken"/> fires first, the worker is
    /// told with <c>InvocationCancel</c> and the wait ends with <see cref="OperationCanceledException"/>.
    /// </summary>
    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var answer = await RequestAsync("invocation:" + request.InvocationId, new StreamingMessage { InvocationRequest = request }, timeout, cancellationToken).ConfigureAwait(false);
            return answer.InvocationResponse;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await TrySendAsync(new StreamingMessage { InvocationCancel = new InvocationCancel { InvocationId = request.InvocationId } }).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends <c>WorkerTerminate</c>: the worker stops by itself within <paramref name="grace"/>.</summary>
    public Task<bool> TerminateAsync(TimeSpan grace) =>
        TrySendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(grace) } });

    /// <summary>One message from the worker.</summary>
    internal void Receive(StreamingMessage message)
    {
        switch (message.ContentCase)
        {
            case StreamingMessage.ContentOneofCase.RpcLog:
                Forward(message.RpcLog);
                break;
            case StreamingMessage.ContentOneofCase.WorkerInitResponse:
                Answer("init", message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionMetadataResponse:
                Answer("metadata", message);
                break;
            case StreamingMessage.ContentOneofCase.FunctionLoadResponse:
                Answer("load:" + message.FunctionLoadResponse.FunctionId, message);
                break;
            case StreamingMessage.ContentOneofCase.InvocationResponse:
                Answer("invocation:" + message.InvocationResponse.InvocationId, message);
                break;
            default:
                // Status responses, the empty message a terminating worker sends, and messages DevHost does not play.
                break;
        }
    }

    /// <summary>The stream ended: everything still waiting fails.</summary>
    internal void Close()
    {
        closed.TrySetResult();
        foreach (var key in waiting.Keys)
        {
            if (waiting.TryRemove(key, out var pending))
            {
                pending.TrySetException(new WorkerUnavailableException("The worker went away before it answered."));
            }
        }
    }

    private async Task<StreamingMessage> RequestAsync(string key, StreamingMessage message, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var answer = new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Closed.IsCompleted)
        {
            throw new WorkerUnavailableException("The worker is not connected.");
        }

        if (!waiting.TryAdd(key, answer))
        {
            throw new InvalidOperationException($"A request '{key}' is already waiting for the worker.");
        }

        try
        {
            message.RequestId = Guid.NewGuid().ToString("D");
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
            return timeout is { } limit
                ? await answer.Task.WaitAsync(limit, cancellationToken).ConfigureAwait(false)
                : await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            waiting.TryRemove(key, out _);
        }
    }

    /// <inheritdoc />
    public void Dispose() => writing.Dispose();

    private async Task SendAsync(StreamingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await writing.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException exception)
        {
            throw new WorkerUnavailableException("The worker is not connected.", exception);
        }

        try
        {
            if (Closed.IsCompleted)
            {
                throw new WorkerUnavailableException("The worker is not connected.");
            }

            await writer.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            // The call has completed (the worker went away between the check and the write).
            throw new WorkerUnavailableException("The worker is not connected.", exception);
        }
        finally
        {
            try
            {
                writing.Release();
            }
            catch (ObjectDisposedException)
            {
                // The stream ended meanwhile.
            }
        }
    }

    private async Task<bool> TrySendAsync(StreamingMessage message)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await SendAsync(message, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is WorkerUnavailableException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private void Answer(string key, StreamingMessage message)
    {
        if (waiting.TryRemove(key, out var pending))
        {
            pending.TrySetResult(message);
        }
    }

    private void Forward(RpcLog log)
    {
        var level = log.Level switch
        {
            RpcLog.Types.Level.Trace => LogLevel.Trace,
            RpcLog.Types.Level.Debug => LogLevel.Debug,
            RpcLog.Types.Level.Information => LogLevel.Information,
            RpcLog.Types.Level.Warning => LogLevel.Warning,
            RpcLog.Types.Level.Error => LogLevel.Error,
            RpcLog.Types.Level.Critical => LogLevel.Critical,
            _ => LogLevel.None,
        };

        // The worker's own diagnostics (category System) are the host's debug output; a function's logs are the user's.
        if (log.LogCategory == RpcLog.Types.RpcLogCategory.System && level < LogLevel.Warning)
        {
            level = LogLevel.Debug;
        }

        var category = string.IsNullOrEmpty(log.Category) ? "Worker" : log.Category;
        var target = loggerFactory.CreateLogger(category);
        if (log.Exception is { } exception)
        {
            LogWorkerLineWithException(target, level, log.Message, exception.Type, exception.Message);
        }
        else
        {
            LogWorkerLine(target, level, log.Message);
        }
    }

    private static void EnsureSucceeded(StatusResult? result, string what)
    {
        if (result is null || result.Status == StatusResult.Types.Status.Success)
        {
            return;
        }

        var reason = result.Exception?.Message is { Length: > 0 } message ? message : result.Result;
        throw new InvalidOperationException($"{what}: {reason}");
    }

    [LoggerMessage(EventId = 700, Message = "{Message}")]
    private static partial void LogWorkerLine(ILogger logger, LogLevel level, string message);

    [LoggerMessage(EventId = 701, Message = "{Message} ({ExceptionType}: {ExceptionMessage})")]
    private static partial void LogWorkerLineWithException(ILogger logger, LogLevel level, string message, string exceptionType, string exceptionMessage);
}
