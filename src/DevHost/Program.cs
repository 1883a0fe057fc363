using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Outreach.DevHost.Hosting;
using Outreach.DevHost.Processes;
using Outreach.DevHost.Worker;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(DevHostOptions.Usage);
    return 0;
}

DevHostOptions options;
try
{
    options = DevHostOptions.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync("DevHost: " + exception.Message).ConfigureAwait(false);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss ";
        console.ColorBehavior = LoggerColorBehavior.Default;
    })
    .SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information)

    // The inner web servers' own lines repeat DevHost's; the worker's host lifetime lines say nothing to a developer.
    .AddFilter("Microsoft.AspNetCore", LogLevel.Warning)
    .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
    .AddFilter("Grpc", LogLevel.Warning));

using var stop = new CancellationTokenSource();
void RequestStop(PosixSignalContext context)
{
    context.Cancel = true;
    if (!stop.IsCancellationRequested)
    {
        // The first Ctrl+C stops gracefully: triggers, then the worker (WorkerTerminate), then Azurite.
        stop.Cancel();
        return;
    }

    // A second one ends everything at once: the children are in their own process groups, so DevHost kills them itself.
    ChildProcess.KillAll();
    Console.Error.WriteLine("DevHost: stopped at once (second Ctrl+C).");
    Environment.Exit(130);
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, RequestStop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, RequestStop);

FunctionHost host;
try
{
    host = await FunctionHost.StartAsync(options, loggerFactory, TimeProvider.System, stop.Token).ConfigureAwait(false);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return 130;
}
catch (Exception exception) when (exception is InvalidOperationException or InvalidDataException or FormatException or TimeoutException or WorkerUnavailableException)
{
    // A start-up problem is something to fix in a file, a setting or a port: say what, in one line, without a stack trace.
    await Console.Error.WriteLineAsync("DevHost could not start: " + exception.Message).ConfigureAwait(false);
    return 1;
}

await using (host.ConfigureAwait(false))
{
    var stopped = Task.Delay(Timeout.Infinite, stop.Token);
    var finished = await Task.WhenAny(stopped, host.Failed).ConfigureAwait(false);
    return finished == host.Failed ? 1 : 0;
}
