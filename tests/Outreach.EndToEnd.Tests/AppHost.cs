using Microsoft.Extensions.Logging;
using Outreach.DevHost.Hosting;
using Outreach.Testing.Logging;

namespace Outreach.EndToEnd.Tests;

/// <summary>DevHost running the real app in the test process, its log (with the worker's) recorded for assertions.</summary>
internal sealed class AppHost : IAsyncDisposable
{
    private readonly ILoggerFactory loggerFactory;

    private AppHost(FunctionHost host, ILoggerFactory loggerFactory, RecordingLoggerProvider log)
    {
        Host = host;
        this.loggerFactory = loggerFactory;
        Log = log;
    }

    public FunctionHost Host { get; }

    public RecordingLoggerProvider Log { get; }

    public static async Task<AppHost> StartAsync(EndToEndSettings settings, bool runTimersOnStartup, string? app = null, params string[] functions)
    {
        var log = new RecordingLoggerProvider();
        var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        var host = await FunctionHost.StartAsync(
            new DevHostOptions
            {
                App = app ?? RepositoryFiles.App,
                SettingsRoot = settings.Root,
                Port = 0,
                RunTimersOnStartup = runTimersOnStartup,
                Functions = functions,
            },
            loggerFactory);
        return new AppHost(host, loggerFactory, log);
    }

    /// <summary>Waits until <paramref name="function"/> has finished <paramref name="count"/> time(s) in this run.</summary>
    public Task WaitForInvocationsAsync(string function, int count, TimeSpan deadline) =>
        UntilAsync(() => Host.RecentInvocations.Count(invocation => invocation.FunctionName == function) >= count, deadline, $"{function} to finish {count} time(s)");

    /// <summary>Waits for a condition; a timeout names it and shows DevHost's log.</summary>
    public async Task UntilAsync(Func<Task<bool>> condition, TimeSpan deadline, string what)
    {
        try
        {
            await Eventually.UntilAsync(condition, met => met, deadline, what);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException(timeout.Message + Environment.NewLine + Log.Text, timeout);
        }
    }

    public Task UntilAsync(Func<bool> condition, TimeSpan deadline, string what) =>
        UntilAsync(() => Task.FromResult(condition()), deadline, what);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        loggerFactory.Dispose();
    }
}
