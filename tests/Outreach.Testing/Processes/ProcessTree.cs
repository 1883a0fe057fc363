using System.Diagnostics;
using System.Globalization;

namespace Outreach.Testing.Processes;

/// <summary>What the operating system says about a process (Linux /proc), and signals to it, for the process-tree tests.</summary>
public static class ProcessTree
{
    public static bool IsRunning(int processId)
    {
        // A zombie (exited, not yet reaped) is gone for our purposes.
        var stat = Stat(processId);
        return stat is not null && stat[2] != "Z";
    }

    /// <summary>The process group of <paramref name="processId"/>.</summary>
    public static int ProcessGroup(int processId) =>
        int.Parse(Stat(processId)?[4] ?? throw new InvalidOperationException($"Process {processId} does not exist."), CultureInfo.InvariantCulture);

    public static void Kill(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    /// <summary>SIGKILL to this one process: its children live on, as when a DevHost is killed.</summary>
    public static void KillOnly(int processId)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", processId.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    /// <summary>Sends SIGINT to the process group <paramref name="group"/>, as a terminal's Ctrl+C does to its foreground group.</summary>
    public static void Interrupt(int group)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-INT", "--", "-" + group.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    // Fields of /proc/<pid>/stat after the command name: [2] state, [3] parent, [4] process group.
    private static string[]? Stat(int processId)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{processId}/stat");
            var afterName = text[(text.LastIndexOf(')') + 2)..];
            return ["", "", .. afterName.Split(' ')];
        }
        catch (IOException)
        {
            return null;
        }
    }
}
