using System.Diagnostics;

namespace Outreach.Bench;

/// <summary>Starts this same program in a child mode (the fake SendGrid, the seeder), so their memory is not ours.</summary>
internal static class ChildProcesses
{
    public static Process Start(IEnumerable<string> arguments)
    {
        var host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Under 'dotnet Outreach.Bench.dll' the host is dotnet itself and needs the assembly; the apphost does not.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ChildProcesses).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The child process could not be started.");
    }
}
