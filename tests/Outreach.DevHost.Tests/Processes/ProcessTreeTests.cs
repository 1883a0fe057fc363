using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Outreach.DevHost.Tests.Processes;

/// <summary>
/// DevHost in a terminal: Ctrl+C reaches the whole foreground process group, yet the children (worker, Azurite) sit in
/// groups of their own and DevHost stops them itself; no process is left behind. Start-up problems end in one line.
/// </summary>
public sealed class ProcessTreeTests : IDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(10);
    private readonly TestWorkerSettings settings = new("UseDevelopmentStorage=true");

    public void Dispose() => settings.Dispose();

    [Fact]
    public async Task CtrlCToTheProcessGroup_ChildrenInOwnGroups_AllGoneWithin10Seconds()
    {
        using var devHost = DevHostProcess.Start(Arguments());
        var (worker, azurite) = await devHost.WaitUntilStartedAsync(StartDeadline);
        Assert.NotEqual(ProcessTree.ProcessGroup(devHost.Id), ProcessTree.ProcessGroup(worker));
        Assert.NotEqual(ProcessTree.ProcessGroup(devHost.Id), ProcessTree.ProcessGroup(azurite));

        ProcessTree.Interrupt(ProcessTree.ProcessGroup(devHost.Id));

        var exitCode = await devHost.WaitForExitAsync(StopDeadline);
        Assert.Equal(0, exitCode);
        Assert.False(ProcessTree.IsRunning(worker), "the worker is still running");
        Assert.False(ProcessTree.IsRunning(azurite), "Azurite is still running");
        Assert.Contains("Stopped the worker", devHost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CtrlCTwice_EndsAtOnceWithTheChildren()
    {
        using var devHost = DevHostProcess.Start(Arguments());
        var (worker, azurite) = await devHost.WaitUntilStartedAsync(StartDeadline);
        var group = ProcessTree.ProcessGroup(devHost.Id);

        ProcessTree.Interrupt(group);
        ProcessTree.Interrupt(group);

        var exitCode = await devHost.WaitForExitAsync(StopDeadline);
        Assert.True(exitCode is 0 or 130, $"exit code {exitCode}");
        await Eventually.UntilAsync(() => ProcessTree.IsRunning(worker) || ProcessTree.IsRunning(azurite), running => !running, StopDeadline, "worker and Azurite gone");
    }

    [Fact]
    public async Task BusyHttpPort_EndsWithOneClearLineAndNoChildLeft()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var devHost = DevHostProcess.Start(Arguments(port));

        var exitCode = await devHost.WaitForExitAsync(StartDeadline);

        Assert.Equal(1, exitCode);
        var line = Assert.Single(devHost.Errors, error => error.Length > 0);
        Assert.Contains($"Port {port.ToString(CultureInfo.InvariantCulture)} is in use", line, StringComparison.Ordinal);
        Assert.Contains("Stopped the worker", devHost.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledDevHost_NextStart_StopsTheWorkerAndAzuriteItLeftBehind()
    {
        int worker;
        int azurite;
        using (var killed = DevHostProcess.Start(Arguments()))
        {
            (worker, azurite) = await killed.WaitUntilStartedAsync(StartDeadline);
            ProcessTree.KillOnly(killed.Id);
            await killed.WaitForExitAsync(StopDeadline);
        }

        Assert.True(ProcessTree.IsRunning(worker), "the worker should outlive a killed DevHost (own process group)");
        using var next = DevHostProcess.Start(Arguments());
        try
        {
            await next.WaitUntilStartedAsync(StartDeadline);

            Assert.False(ProcessTree.IsRunning(worker), "the orphaned worker is still running");
            Assert.False(ProcessTree.IsRunning(azurite), "the orphaned Azurite is still running");
        }
        finally
        {
            ProcessTree.Interrupt(ProcessTree.ProcessGroup(next.Id));
            await next.WaitForExitAsync(StopDeadline);
        }
    }

    private string[] Arguments(int port = 0) =>
    [
        "--app", RepositoryFiles.TestWorker, "--settings-root", settings.Root, "--azurite-ports", "free",
        "--port", port.ToString(CultureInfo.InvariantCulture), "--functions", "Echo,Hello",
    ];
}
