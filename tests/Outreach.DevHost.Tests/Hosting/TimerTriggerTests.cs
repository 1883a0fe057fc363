using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Outreach.DevHost.Hosting;
using Outreach.Testing.Azurite;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests.Hosting;

/// <summary>DevHost's timer trigger on an injected clock: occurrences of the NCRONTAB schedule, runOnStartup, ScheduleStatus.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TimerTriggerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TimerTrigger_FiveMinuteSchedule_FiresAtEachOccurrenceWithScheduleStatusFromTheSecondRun()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 6, 4, 0, TimeSpan.Zero));
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.OK, null)));
        using var app = TimerApp();

        await using var host = await FunctionHost.StartAsync(
            new DevHostOptions { AppRoot = app.Root, HandlerUrl = handler.BaseAddress, Port = 0 }, TestLogging.For(output), clock);

        // runOnStartup fires once at start, before any occurrence, with no schedule status.
        var startup = await Eventually.UntilAsync(() => Runs("Startup"), runs => runs.Count == 1, Deadline, "Startup to fire at start");
        Assert.True(startup[0].AsObject().ContainsKey("ScheduleStatus"));
        Assert.Null(startup[0]["ScheduleStatus"]);
        Assert.Empty(Runs("Every5"));

        // The clock moves in steps until the 06:05 and 06:10 occurrences have fired (the scheduler may start waiting late).
        var runs = await Eventually.UntilAsync(
            () =>
            {
                if (Runs("Every5").Count < 2 && clock.GetUtcNow() < new DateTimeOffset(2026, 12, 3, 6, 10, 0, TimeSpan.Zero))
                {
                    clock.Advance(TimeSpan.FromSeconds(5));
                }

                return Runs("Every5");
            },
            found => found.Count >= 2,
            Deadline,
            "Every5 to fire at 06:05 and 06:10");

        Assert.True(runs[0].AsObject().ContainsKey("ScheduleStatus"));
        Assert.Null(runs[0]["ScheduleStatus"]);
        Assert.False(runs[0]["IsPastDue"]!.GetValue<bool>());
        var status = runs[1]["ScheduleStatus"]!;
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 5, 0, TimeSpan.Zero), DateTimeOffset.Parse(status["Last"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 10, 0, TimeSpan.Zero), DateTimeOffset.Parse(status["Next"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Single(Runs("Startup"));

        List<JsonNode> Runs(string function) =>
            handler.Received.Where(invocation => invocation.FunctionName == function).Select(invocation => invocation.Body["Data"]!["timer"]!).ToList();
    }

    [Fact]
    public async Task TimerTrigger_OccurrenceMissedWhileStopped_FiresAtStartAsPastDueWithTheSavedStatus()
    {
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.OK, null)));
        using var app = TimerApp();
        var options = new DevHostOptions { AppRoot = app.Root, HandlerUrl = handler.BaseAddress, Port = 0 };

        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 6, 4, 0, TimeSpan.Zero));
        await using (var first = await FunctionHost.StartAsync(options, TestLogging.For(output), clock))
        {
            await Eventually.UntilAsync(
                () =>
                {
                    if (Runs().Count == 0)
                    {
                        clock.Advance(TimeSpan.FromSeconds(5));
                    }

                    return Runs();
                },
                runs => runs.Count == 1,
                Deadline,
                "Every5 to fire at 06:05");
        }

        // DevHost was stopped over the 06:10 occurrence; started at 06:20 it runs Every5 at once, past due.
        var later = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 6, 20, 0, TimeSpan.Zero));
        await using var second = await FunctionHost.StartAsync(options, TestLogging.For(output), later);
        var runs = await Eventually.UntilAsync(Runs, found => found.Count == 2, Deadline, "a past-due run of Every5 at start");

        Assert.True(runs[1]["IsPastDue"]!.GetValue<bool>());
        var status = runs[1]["ScheduleStatus"]!;
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 5, 0, TimeSpan.Zero), DateTimeOffset.Parse(status["Last"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 10, 0, TimeSpan.Zero), DateTimeOffset.Parse(status["Next"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));

        List<JsonNode> Runs() =>
            handler.Received.Where(invocation => invocation.FunctionName == "Every5").Select(invocation => invocation.Body["Data"]!["timer"]!).ToList();
    }

    [Fact]
    public async Task StartAsync_FiveFieldSchedule_RefusesToStartNamingTheFunction()
    {
        using var app = new TestApp(
            new JsonObject(),
            new Dictionary<string, string> { ["Nightly"] = """{"bindings":[{"name":"timer","type":"timerTrigger","direction":"in","schedule":"0 6 * * *"}]}""" },
            azurite.ConnectionString);

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() =>
            FunctionHost.StartAsync(new DevHostOptions { AppRoot = app.Root, HandlerUrl = new Uri("http://127.0.0.1:9/"), Port = 0 }, TestLogging.For(output)));

        Assert.Contains("functions/Nightly/function.json", exception.Message, StringComparison.Ordinal);
        Assert.Contains("six", exception.Message, StringComparison.Ordinal);
    }

    private TestApp TimerApp() =>
        new(
            new JsonObject(),
            new Dictionary<string, string>
            {
                ["Every5"] = """{"bindings":[{"name":"timer","type":"timerTrigger","direction":"in","schedule":"0 */5 * * * *","useMonitor":true}]}""",
                ["Startup"] = """{"bindings":[{"name":"timer","type":"timerTrigger","direction":"in","schedule":"0 0 0 1 1 *","runOnStartup":true}]}""",
            },
            azurite.ConnectionString);
}
