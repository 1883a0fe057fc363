using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Xunit;

namespace Outreach.Testing.Processes;

/// <summary>
/// DevHost run as a developer runs it: its own process (the built Outreach.DevHost.dll), started through setsid so that it
/// leads a process group of its own, as a shell's foreground job does. Its output lines are kept for assertions.
/// </summary>
public sealed partial class DevHostProcess : IDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly ConcurrentQueue<string> errors = new();

    private DevHostProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    public IReadOnlyCollection<string> Errors => errors;

    public string Output => string.Join(Environment.NewLine, output);

    public static DevHostProcess Start(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])["dotnet", Path.Combine(AppContext.BaseDirectory, "Outreach.DevHost.dll"), .. arguments])
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var devHost = new DevHostProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                devHost.output.Enqueue(line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                devHost.errors.Enqueue(line);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return devHost;
    }

    /// <summary>Waits until DevHost says it has started; returns the worker's and Azurite's process ids from its log.</summary>
    public async Task<(int Worker, int Azurite)> WaitUntilStartedAsync(TimeSpan deadline)
    {
        await Eventually.UntilAsync(() => output.Any(line => line.Contains("Host started.", StringComparison.Ordinal)) || process.HasExited, started => started, deadline, "DevHost to start\n" + Output);
        Assert.False(process.HasExited, "DevHost exited during start-up:\n" + Output + string.Join(Environment.NewLine, errors));
        return (ProcessIdFrom(WorkerLine()), ProcessIdFrom(AzuriteLine()));
    }

    /// <summary>Waits up to <paramref name="deadline"/> for DevHost to exit; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            ProcessTree.Kill(process.Id);
        }

        process.Dispose();
    }

    private int ProcessIdFrom(Regex pattern)
    {
        var match = output.Select(line => pattern.Match(line)).First(found => found.Success);
        return int.Parse(match.Groups["pid"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Starting the worker .* \(process (?<pid>\d+)\)")]
    private static partial Regex WorkerLine();

    [GeneratedRegex(@"Started Azurite \(process (?<pid>\d+);")]
    private static partial Regex AzuriteLine();
}
