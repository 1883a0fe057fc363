using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Outreach.DevHost.Handler;

/// <summary>
/// The custom handler process, started as the Functions host starts it (reference §1.0): a free port in
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> (and the legacy <c>FUNCTIONS_HTTPWORKER_PORT</c>), the app root in
/// <c>FUNCTIONS_APP_ROOT_PATH</c>, every app setting as an environment variable, stdout and stderr captured, and ready when
/// <c>GET /</c> gets any answer.
/// </summary>
public sealed partial class HandlerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ILogger logger;
    private int stopping;

    private HandlerProcess(Process process, int port, ILogger logger)
    {
        this.process = process;
        Port = port;
        this.logger = logger;
    }

    /// <summary>The port the handler listens on (127.0.0.1).</summary>
    public int Port { get; }

    /// <summary>The handler's base address.</summary>
    public Uri BaseAddress => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));

    /// <summary>Completes when the process exits; true when DevHost stopped it, false when it exited by itself.</summary>
    public Task<bool> Exited { get; private set; } = Task.FromResult(false);

    /// <summary>
    /// Starts <c>dotnet {handlerAssembly}</c> (or, for a path that is not a .dll, that executable itself, e.g. the self-contained
    /// <c>handler/Outreach.Functions</c> of the package) in <paramref name="appRoot"/> with <paramref name="environment"/> and waits until it answers
    /// its readiness probe. Throws <see cref="InvalidOperationException"/> when it exits or does not answer within <paramref name="readinessTimeout"/>.
    /// </summary>
    public static async Task<HandlerProcess> StartAsync(
        string handlerAssembly,
        string appRoot,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan readinessTimeout,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        if (!File.Exists(handlerAssembly))
        {
            throw new InvalidOperationException(
                $"The handler {handlerAssembly} does not exist. Build it first (dotnet build src/Functions) or pass --handler <Outreach.Functions.dll or a published executable>.");
        }

        var port = FreeTcpPort();
        var isAssembly = handlerAssembly.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var startInfo = new ProcessStartInfo(isAssembly ? "dotnet" : handlerAssembly)
        {
            WorkingDirectory = appRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        if (isAssembly)
        {
            startInfo.ArgumentList.Add(handlerAssembly);
        }
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        var portText = port.ToString(CultureInfo.InvariantCulture);
        var workerId = Guid.NewGuid().ToString("D");
        startInfo.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = portText;
        startInfo.Environment["FUNCTIONS_HTTPWORKER_PORT"] = portText;
        startInfo.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId;
        startInfo.Environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        startInfo.Environment["FUNCTIONS_APP_ROOT_PATH"] = appRoot;

        var logger = loggerFactory.CreateLogger("Handler");
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var handler = new HandlerProcess(process, port, logger);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                LogStandardOutput(logger, line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                LogStandardError(logger, line);
            }
        };

        var exited = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.Exited += (_, _) => exited.TrySetResult(Volatile.Read(ref handler.stopping) == 1);
        handler.Exited = exited.Task;
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet could not be started.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var assemblyName = Path.GetFileName(handlerAssembly);
        LogStarted(logger, assemblyName, process.Id, port);

        try
        {
            await handler.WaitUntilReadyAsync(readinessTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await handler.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return handler;
    }

    /// <summary>A TCP port nobody listens on right now (the host's <c>GetUnusedTcpPort</c>).</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    // Any HTTP answer (a 404 counts) means ready; only a refused connection means "not yet". The host probes every 25 ms.
    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Exited.IsCompleted)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The handler exited with code {process.ExitCode} before it answered on port {Port}; see its output above."));
            }

            try
            {
                using var response = await client.GetAsync(BaseAddress, cancellationToken).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                LogReady(logger, Port, elapsed.TotalMilliseconds);
                return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One probe timed out; try again until the deadline.
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The handler did not answer GET / on port {Port} within {timeout.TotalSeconds:0} s. It must listen on 127.0.0.1:FUNCTIONS_CUSTOMHANDLER_PORT."));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the handler (the whole process tree) and waits for it to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref stopping, 1);
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            LogStopped(logger, process.Id);
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
        }
        catch (OperationCanceledException)
        {
            LogNotStopped(logger, process.Id);
        }

        process.Dispose();
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Starting the handler {Assembly} (process {ProcessId}, FUNCTIONS_CUSTOMHANDLER_PORT={Port})")]
    private static partial void LogStarted(ILogger logger, string assembly, int processId, int port);

    [LoggerMessage(EventId = 301, Level = LogLevel.Information, Message = "The handler is ready on 127.0.0.1:{Port} after {ElapsedMilliseconds:0} ms")]
    private static partial void LogReady(ILogger logger, int port, double elapsedMilliseconds);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "handler | {Line}")]
    private static partial void LogStandardOutput(ILogger logger, string line);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "handler ! {Line}")]
    private static partial void LogStandardError(ILogger logger, string line);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Stopped the handler (process {ProcessId})")]
    private static partial void LogStopped(ILogger logger, int processId);

    [LoggerMessage(EventId = 305, Level = LogLevel.Warning, Message = "The handler (process {ProcessId}) did not exit within 10 s of being killed")]
    private static partial void LogNotStopped(ILogger logger, int processId);
}
