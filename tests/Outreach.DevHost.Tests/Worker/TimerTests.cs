using Microsoft.Extensions.Time.Testing;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Hosting;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests.Worker;

/// <summary>The timer trigger across runs of DevHost: the schedule status is kept, and an occurrence missed while stopped fires as past due.</summary>
public sealed class TimerTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TimerTrigger_OccurrenceMissedWhileDevHostWasStopped_FiresPastDueWithScheduleStatus()
    {
        using var loggerFactory = TestLogging.For(output);
        await using var azurite = await AzuriteLauncher.StartAsync();
        using var settings = new TestWorkerSettings(azurite.ConnectionString);
        var options = new DevHostOptions { App = RepositoryFiles.TestWorker, SettingsRoot = settings.Root, Port = 0, Functions = ["Tick"] };

        // First run, on 30 December: the timer runs at start (RunOnStartup) and its next occurrence, 1 January, is saved.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 30, 12, 0, 0, TimeSpan.Zero));
        await using (await FunctionHost.StartAsync(options, loggerFactory, clock))
        {
            await Eventually.UntilAsync(() => QueueProbe.PeekAsync(azurite.ConnectionString, settings.TickQueue), ticks => ticks.Count == 1, Deadline, "the start-up run");
        }

        // Second run, on 2 January: 1 January passed while DevHost was stopped.
        clock.SetUtcNow(new DateTimeOffset(2027, 1, 2, 12, 0, 0, TimeSpan.Zero));
        await using var second = await FunctionHost.StartAsync(options, loggerFactory, clock);
        var ticks = await Eventually.UntilAsync(
            () => QueueProbe.PeekAsync(azurite.ConnectionString, settings.TickQueue),
            messages => messages.Count == 2,
            Deadline,
            "the past-due run");

        Assert.Equal(["tick pastDue=False status=False", "tick pastDue=True status=True"], ticks);
    }
}
