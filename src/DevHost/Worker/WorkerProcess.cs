using System.Globalization;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Processes;

namespace Outreach.DevHost.Worker;

/// <summary>
/// One run of the language worker, started as the Functions host starts it: the executable and worker path of
/// <c>worker.config.json</c>, then <c>--functions-uri</c>, <c>--functions-worker-id</c>, <c>--functions-request-id</c> and
/// <c>--functions-grpc-max-message-length</c>; the app settings as environment variables. It is ready once it has opened its
/// event stream and answered <c>WorkerInitRequest</c>. Stopped with <c>WorkerTerminate</c>, then SIGTERM, then SIGKILL.
/// </summary>
public sealed partial class WorkerProcess : IAsyncDisposable
{
    /// <summary>The host version DevHost announces (the Functions host line it plays).</summary>
    public const string HostVersion = "4.1037.0.0";

    private readonly ChildProcess process;
    private readonly ILogger logger;

    private WorkerProcess(ChildProcess process, WorkerChannel channel, ILogger logger)
    {
        this.process = process;
        Channel = channel;
        this.logger = logger;
    }

    /// <summary>The worker's event stream.</summary>
    public WorkerChannel Channel { get; }

    /// <summary>The operating system's id of the worker process.</summary>
    public int ProcessId => process.Id;

    /// <summary>True once DevHost asked the worker to stop.</summary>
    public bool StopRequested => process.StopRequested;

    /// <summary>Completes when the process has exited.</summary>
    public Task Exited => process.Exited;

    /// <summary>
    /// Starts the worker described by <paramref name="config"/> from <paramref name="appFolder"/> in <paramref name="workingDirectory"/>
    /// and waits until it has initialised. Throws <see cref="InvalidOperationException"/> saying why when it exits or does not
    /// connect within <paramref name="timeout"/>.
    /// </summary>
    public static async Task<WorkerProcess> StartAsync(
        WorkerConfig config,
        string appFolder,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        RpcServer server,
        TimeSpan timeout,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var logger = loggerFactory.CreateLogger("Host.Worker");
        var workerId = Guid.NewGuid().ToString("D");
        var connected = server.Connections.Expect(workerId);
        string[] arguments =
        [
            .. config.Arguments,
            "--functions-uri", server.Address.ToString(),
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString("D"),
            "--functions-grpc-max-message-length", RpcServer.MaxMessageLength.ToString(CultureInfo.InvariantCulture),
        ];
        var process = ChildProcess.Start("worker", config.Executable, arguments, workingDirectory, environment, (line, isError) =>
        {
            if (isError)
            {
                LogStandardError(logger, line);
            }
            else
            {
                LogStandardOutput(logger, line);
            }
        });
        var workerName = Path.GetFileName(config.Arguments.Count > 0 ? config.Arguments[^1] : config.Executable);
        LogStarting(logger, workerName, process.Id);

        try
        {
            var first = await Task.WhenAny(connected, process.Exited).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            if (first != connected)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The worker exited with code {process.Exited.Result} before it connected; see its output above."));
            }

            var channel = await connected.ConfigureAwait(false);
            var worker = new WorkerProcess(process, channel, logger);
            await channel.InitializeAsync(HostVersion, appFolder, timeout, cancellationToken).ConfigureAwait(false);
            var httpUri = channel.HttpUri?.ToString() ?? "none";
            LogReady(logger, process.Id, httpUri);
            return worker;
        }
        catch (TimeoutException exception)
        {
            server.Connections.Forget(workerId);
            await process.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The worker did not connect to {server.Address} within {timeout.TotalSeconds:0} s."), exception);
        }
        catch
        {
            server.Connections.Forget(workerId);
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the worker at once, as a crash would end it (tests).</summary>
    public void Kill() => process.Kill();

    /// <summary>Stops the worker: <c>WorkerTerminate</c> first, then SIGTERM, then SIGKILL; at most about 6 s in all.</summary>
    public async ValueTask DisposeAsync()
    {
        process.ExpectExit();
        var grace = TimeSpan.FromSeconds(2);
        if (!process.Exited.IsCompleted && await Channel.TerminateAsync(grace).ConfigureAwait(false) && await process.WaitAsync(grace + TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            LogStopped(logger, process.Id);
        }
        else if (await process.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false))
        {
            LogStopped(logger, process.Id);
        }
        else
        {
            LogKilled(logger, process.Id);
        }

        await process.DisposeAsync().ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Starting the worker {Worker} (process {ProcessId})")]
    private static partial void LogStarting(ILogger logger, string worker, int processId);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "The worker (process {ProcessId}) is connected; it serves HTTP functions on {HttpUri}")]
    private static partial void LogReady(ILogger logger, int processId, string httpUri);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "worker | {Line}")]
    private static partial void LogStandardOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "worker ! {Line}")]
    private static partial void LogStandardError(ILogger logger, string line);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Stopped the worker (process {ProcessId})")]
    private static partial void LogStopped(ILogger logger, int processId);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "The worker (process {ProcessId}) did not stop after WorkerTerminate and SIGTERM and was killed")]
    private static partial void LogKilled(ILogger logger, int processId);
}
