using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Outreach.DevHost.Processes;

/// <summary>
/// A process DevHost starts (the worker, Azurite), in a process group of its own: started through <c>setsid</c>, so a
/// terminal's Ctrl+C, which goes to the whole foreground group, reaches DevHost only, and DevHost stops its children in
/// order. Stopping sends SIGTERM to the child's group and SIGKILL when it has not exited within the grace period.
/// </summary>
public sealed partial class ChildProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private const int SigKill = 9;
    private static readonly string? SetSid = OperatingSystem.IsWindows() ? null : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);
    private static readonly ConcurrentDictionary<int, ChildProcess> Running = new();

    private readonly Process process;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int stopping;

    private ChildProcess(Process process, string name)
    {
        this.process = process;
        Name = name;
    }

    /// <summary>What the process is, for log lines (<c>worker</c>, <c>Azurite</c>).</summary>
    public string Name { get; }

    /// <summary>The operating system's id of the process (also its process group's id).</summary>
    public int Id { get; private set; }

    /// <summary>True when the process runs in a process group of its own.</summary>
    public static bool OwnProcessGroup => SetSid is not null;

    /// <summary>Completes with the exit code when the process exits.</summary>
    public Task<int> Exited => exited.Task;

    /// <summary>True once DevHost asked the process to stop (an exit after that is not a crash).</summary>
    public bool StopRequested => Volatile.Read(ref stopping) == 1;

    /// <summary>
    /// Starts <paramref name="fileName"/> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>; each line of its
    /// output and error goes to <paramref name="onLine"/> (true for standard error).
    /// </summary>
    public static ChildProcess Start(
        string name,
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        Action<string, bool> onLine)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(onLine);

        // setsid (util-linux) makes the child a session and process group leader, then execs it: the same process id.
        var startInfo = new ProcessStartInfo(SetSid ?? fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
        };
        if (SetSid is not null)
        {
            startInfo.ArgumentList.Add(fileName);
        }

        var argumentList = arguments.ToList();
        foreach (var argument in argumentList)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (variable, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[variable] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, name);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onLine(line, false);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                onLine(line, true);
            }
        };
        process.Exited += (_, _) =>
        {
            Running.TryRemove(child.Id, out _);
            OrphanedChildren.Remove(child.Id);
            child.exited.TrySetResult(SafeExitCode(process));
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            throw new InvalidOperationException($"{name} could not be started ({fileName}): {exception.Message}", exception);
        }

        child.Id = process.Id;
        Running[child.Id] = child;
        OrphanedChildren.Record(child.Id, name, argumentList.Count > 0 ? argumentList[0] : fileName);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Stops the children an earlier DevHost started and could not stop (it was killed); returns what they were.</summary>
    public static IReadOnlyList<(int ProcessId, string Name)> StopOrphans() => OrphanedChildren.StopAll();

    /// <summary>Kills every child DevHost started, at once (a second Ctrl+C: the user wants out now).</summary>
    public static void KillAll()
    {
        foreach (var child in Running.Values)
        {
            child.Signal(SigKill);
        }
    }

    /// <summary>
    /// Stops the process: SIGTERM to its group, SIGKILL after <paramref name="grace"/>. True when it exited within the grace period.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        ExpectExit();
        if (Exited.IsCompleted)
        {
            return true;
        }

        Signal(SigTerm);
        if (await WaitAsync(grace).ConfigureAwait(false))
        {
            return true;
        }

        Signal(SigKill);
        await WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return false;
    }

    /// <summary>Marks the process as stopping (asked over the protocol), so that its exit is not taken for a crash.</summary>
    public void ExpectExit() => Interlocked.Exchange(ref stopping, 1);

    /// <summary>Waits up to <paramref name="timeout"/> for the exit; true when it exited.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await Exited.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Kills the process group now, as a crash would end it.</summary>
    public void Kill() => Signal(SigKill);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        process.Dispose();
    }

    private void Signal(int signal)
    {
        if (Exited.IsCompleted)
        {
            return;
        }

        if (SetSid is null)
        {
            KillTree();
            return;
        }

        // The negative id addresses the whole group: the child and anything it started.
        if (NativeMethods.kill(-Id, signal) != 0 && signal == SigKill)
        {
            KillTree();
        }
    }

    private void KillTree()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private static int SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static partial class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054, CA1401 // One blittable call: LibraryImport would need unsafe code for the whole project.
        internal static extern int kill(int pid, int sig);
#pragma warning restore SYSLIB1054, CA1401
    }
}
