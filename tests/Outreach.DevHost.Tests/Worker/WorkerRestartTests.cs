using Microsoft.Extensions.Logging;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Hosting;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests.Worker;

/// <summary>Faults during a run: a worker that dies is restarted; storage that goes away and comes back does not stop the queues.</summary>
public sealed class WorkerRestartTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task KilledWorker_IsRestartedAndTheNextMessageIsProcessed()
    {
        using var loggerFactory = TestLogging.For(output);
        await using var azurite = await AzuriteLauncher.StartAsync();
        using var settings = new TestWorkerSettings(azurite.ConnectionString);
        await using var host = await FunctionHost.StartAsync(
            new DevHostOptions { App = RepositoryFiles.TestWorker, SettingsRoot = settings.Root, Port = 0, Functions = ["Echo"] },
            loggerFactory);
        var first = host.WorkerProcessId!.Value;

        host.KillWorker();
        await Eventually.UntilAsync(() => host.WorkerProcessId, id => id is not null && id != first, Deadline, "a new worker process");
        await QueueProbe.SendAsync(azurite.ConnectionString, settings.EchoInputQueue, "after restart");

        var outputs = await Eventually.UntilAsync(
            () => QueueProbe.PeekAsync(azurite.ConnectionString, settings.EchoOutputQueue),
            messages => messages.Count >= 2,
            Deadline,
            "the restarted worker's output");
        Assert.Equal(["after restart-1", "after restart-2"], outputs.Order(StringComparer.Ordinal));
        Assert.False(ProcessTree.IsRunning(first));
        Assert.False(host.Failed.IsCompleted);
    }

    [Fact]
    public async Task StorageGoneFor15Seconds_QueueListenerSurvivesAndProcessingResumes()
    {
        using var loggerFactory = TestLogging.For(output);
        var location = Directory.CreateTempSubdirectory("devhost-azurite-").FullName;
        var azurite = await AzuriteLauncher.StartAsync(location);
        var (blob, queue, table) = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        using var settings = new TestWorkerSettings(azurite.ConnectionString);
        try
        {
            await using var host = await FunctionHost.StartAsync(
                new DevHostOptions { App = RepositoryFiles.TestWorker, SettingsRoot = settings.Root, Port = 0, Functions = ["Echo"] },
                loggerFactory);
            await QueueProbe.SendAsync(azurite.ConnectionString, settings.EchoInputQueue, "before");
            await Eventually.UntilAsync(
                () => QueueProbe.PeekAsync(azurite.ConnectionString, settings.EchoOutputQueue),
                messages => messages.Count >= 2,
                Deadline,
                "the output of the first message");

            // Azurite dies without warning and stays away longer than the storage client's retries.
            ProcessTree.Kill(azurite.ProcessId);
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(15));
            azurite = await AzuriteLauncher.StartAsync(location, blob, queue, table);
            await QueueProbe.SendAsync(azurite.ConnectionString, settings.EchoInputQueue, "after");

            var outputs = await Eventually.UntilAsync(
                () => QueueProbe.PeekAsync(azurite.ConnectionString, settings.EchoOutputQueue),
                messages => messages.Contains("after-2"),
                Deadline,
                "the output of the message sent after the outage");
            Assert.Contains("after-1", outputs);
            Assert.False(host.Failed.IsCompleted);
        }
        finally
        {
            await azurite.DisposeAsync();
            Directory.Delete(location, recursive: true);
        }
    }

    [Fact]
    public async Task StopDuringAnInvocation_MessageIsVisibleAgainAtOnceForTheNextRun()
    {
        var log = new CollectingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log).AddProvider(new TestOutputLoggerProvider(output)));
        await using var azurite = await AzuriteLauncher.StartAsync();
        using var settings = new TestWorkerSettings(azurite.ConnectionString);
        var host = await FunctionHost.StartAsync(
            new DevHostOptions { App = RepositoryFiles.TestWorker, SettingsRoot = settings.Root, Port = 0, Functions = ["Hang"], ShutdownGracePeriod = TimeSpan.FromSeconds(1) },
            loggerFactory);
        await QueueProbe.SendAsync(azurite.ConnectionString, settings.HangQueue, "unfinished");
        await Eventually.UntilAsync(() => log.Lines.Any(line => line.Contains("Hanging on unfinished", StringComparison.Ordinal)), started => started, Deadline, "the invocation to start");
        Assert.Empty(await QueueProbe.PeekAsync(azurite.ConnectionString, settings.HangQueue));

        await host.DisposeAsync();

        // Peek sees visible messages only: the message was received with functionTimeout + 1 minute of invisibility.
        Assert.Equal(["unfinished"], await QueueProbe.PeekAsync(azurite.ConnectionString, settings.HangQueue));
    }
}
