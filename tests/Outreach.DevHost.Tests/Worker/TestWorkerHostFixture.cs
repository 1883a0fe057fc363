using Microsoft.Extensions.Logging;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Hosting;

namespace Outreach.DevHost.Tests.Worker;

/// <summary>
/// One DevHost running the test worker, on an Azurite of its own, shared by the tests of a class: each test uses its own
/// function and queues, so they do not see each other's data.
/// </summary>
public sealed class TestWorkerHostFixture : IAsyncLifetime
{
    private readonly CollectingLoggerProvider log = new();
    private ILoggerFactory? loggerFactory;
    private AzuriteLauncher? azurite;
    private TestWorkerSettings? settings;
    private FunctionHost? host;

    public FunctionHost Host => host ?? throw new InvalidOperationException("DevHost is not started.");

    internal TestWorkerSettings Settings => settings ?? throw new InvalidOperationException("DevHost is not started.");

    public string ConnectionString => Host.StorageConnectionString;

    /// <summary>The last lines of DevHost's log, for a failure message.</summary>
    public string RecentLog => log.Tail(40);

    internal IReadOnlyCollection<string> LogLines => log.Lines;

    public async Task InitializeAsync()
    {
        loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log).SetMinimumLevel(LogLevel.Information));
        azurite = await AzuriteLauncher.StartAsync();
        settings = new TestWorkerSettings(azurite.ConnectionString);
        host = await FunctionHost.StartAsync(
            new DevHostOptions { App = RepositoryFiles.TestWorker, SettingsRoot = settings.Root, Port = 0 },
            loggerFactory);
    }

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        settings?.Dispose();
        loggerFactory?.Dispose();
    }
}
