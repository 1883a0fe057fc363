using Outreach.Testing.Processes;

namespace Outreach.EndToEnd.Tests.Processes;

/// <summary>
/// Ctrl+C in the terminal while the welcomes go out: DevHost (its own process, as ./run.sh runs it) stops the worker and
/// Azurite within 10 s, and the next run on the same storage sends the rest, so every leader gets exactly one letter.
/// </summary>
public sealed class InterruptedSendingTests : IDisposable
{
    private const int Leaders = 200;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan SendDeadline = TimeSpan.FromSeconds(180);
    private readonly EndToEndSettings settings = new(Leaders);

    public void Dispose() => settings.Dispose();

    [Fact]
    public async Task CtrlCWhileSending_NoProcessLeftAndTheNextRunSendsTheRest_OneLetterPerLeader()
    {
        int sentBeforeStop;
        using (var first = DevHostProcess.Start(Arguments()))
        {
            var (worker, azurite) = await first.WaitUntilStartedAsync(StartDeadline);
            await Eventually.UntilAsync(() => Outbox.Count(settings.Outbox), sent => sent > 0, SendDeadline, "the first letters\n" + first.Output);

            ProcessTree.Interrupt(ProcessTree.ProcessGroup(first.Id));

            Assert.Equal(0, await first.WaitForExitAsync(StopDeadline));
            Assert.False(ProcessTree.IsRunning(worker), "the worker is still running");
            Assert.False(ProcessTree.IsRunning(azurite), "Azurite is still running");
            sentBeforeStop = Outbox.Count(settings.Outbox);
        }

        Assert.True(sentBeforeStop < Leaders, $"all {Leaders} letters were sent before Ctrl+C; the test did not interrupt anything");
        using (var second = DevHostProcess.Start(Arguments()))
        {
            await second.WaitUntilStartedAsync(StartDeadline);
            await Eventually.UntilAsync(() => Outbox.Count(settings.Outbox), sent => sent >= Leaders, SendDeadline, "a letter per leader\n" + second.Output);

            // Stopped as before, so that a letter sent twice late in the run is on disk before the count.
            ProcessTree.Interrupt(ProcessTree.ProcessGroup(second.Id));
            Assert.Equal(0, await second.WaitForExitAsync(StopDeadline));
        }

        var letters = Outbox.ByRecipient(settings.Outbox);
        Assert.Equal(settings.Leaders.Select(leader => leader.Email).Order(), letters.Keys.Order());
        Assert.Empty(letters.Where(recipient => recipient.Value.Count > 1).Select(recipient => $"{recipient.Key} ×{recipient.Value.Count}"));
    }

    // A private Azurite on free ports keeps its data in memory unless told where: on disk, so the second run sees the first's.
    private string[] Arguments() =>
    [
        "--app", RepositoryFiles.App, "--settings-root", settings.Root, "--azurite-ports", "free",
        "--azurite-location", Path.Combine(settings.Root, ".azurite"), "--port", "0", "--run-timers-on-startup",
    ];
}
