using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Outreach.DevHost.Processes;

/// <summary>
/// Stops a child process the way a terminal would: SIGTERM first, so Azurite writes its data files and the handler lets
/// running requests finish, then a kill of the whole tree when it has not exited within the grace period.
/// </summary>
internal static partial class GracefulStop
{
    private const int SigTerm = 15;

    /// <summary>Stops <paramref name="process"/>; true when it exited within <paramref name="grace"/> after SIGTERM.</summary>
    public static async Task<bool> StopAsync(Process process, TimeSpan grace)
    {
        try
        {
            if (process.HasExited)
            {
                return true;
            }

            if (!OperatingSystem.IsWindows() && NativeMethods.kill(process.Id, SigTerm) == 0)
            {
                using var timeout = new CancellationTokenSource(grace);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    // Did not stop in time: kill below.
                }
            }

            process.Kill(entireProcessTree: true);
            using var killed = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(killed.Token).ConfigureAwait(false);
            return false;
        }
        catch (InvalidOperationException)
        {
            // Never started or already gone.
            return true;
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
