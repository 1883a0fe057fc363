using System.Diagnostics;
using System.Globalization;

namespace Outreach.DevHost.Processes;

/// <summary>
/// A note per running child (in the temporary folder) naming the DevHost that started it. Children sit in process groups
/// of their own and outlive a DevHost that was killed (SIGKILL gives no chance to stop them); the next DevHost finds the
/// notes whose DevHost is gone and stops those children.
/// </summary>
internal static class OrphanedChildren
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "outreach-devhost");

    /// <summary>Notes that this process runs the child <paramref name="processId"/>, recognisable by <paramref name="marker"/> in its command line.</summary>
    public static void Record(int processId, string name, string marker)
    {
        try
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllLines(PathOf(processId), [Environment.ProcessId.ToString(CultureInfo.InvariantCulture), name, marker]);
        }
        catch (IOException)
        {
            // Only the clean-up after a killed DevHost depends on it.
        }
    }

    /// <summary>Removes the note of a child that has exited.</summary>
    public static void Remove(int processId)
    {
        try
        {
            File.Delete(PathOf(processId));
        }
        catch (IOException)
        {
            // Left for the next start to clear.
        }
    }

    /// <summary>Kills the children whose DevHost is gone; returns what they were.</summary>
    public static IReadOnlyList<(int ProcessId, string Name)> StopAll()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var stopped = new List<(int, string)>();
        foreach (var file in Directory.EnumerateFiles(Folder, "child-*.pid"))
        {
            string[] note;
            try
            {
                note = File.ReadAllLines(file);
            }
            catch (IOException)
            {
                continue;
            }

            if (note.Length < 3 ||
                !int.TryParse(Path.GetFileNameWithoutExtension(file)["child-".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var child) ||
                !int.TryParse(note[0], NumberStyles.None, CultureInfo.InvariantCulture, out var owner) ||
                IsRunning(owner))
            {
                continue;
            }

            Remove(child);

            // The marker guards against a process id the system has given to something else since.
            if (IsRunning(child) && CommandLine(child).Contains(note[2], StringComparison.Ordinal))
            {
                Kill(child);
                stopped.Add((child, note[1]));
            }
        }

        return stopped;
    }

    private static string PathOf(int processId) => Path.Combine(Folder, $"child-{processId.ToString(CultureInfo.InvariantCulture)}.pid");

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string CommandLine(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId}/cmdline");
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static void Kill(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            // Gone meanwhile.
        }
    }
}
