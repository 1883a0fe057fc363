using Outreach.DevHost.Azurite;

namespace Outreach.Bench.Hosting;

/// <summary>
/// The repository's pinned Azurite, started by DevHost's <see cref="AzuriteLauncher"/> (as the test fixtures start it) on
/// free loopback ports, persisting to a temporary folder that is deleted at the end. A process of its own, so its memory
/// is not in the measured working set.
/// </summary>
internal sealed class AzuriteProcess : IAsyncDisposable
{
    private readonly AzuriteLauncher azurite;
    private readonly string location;

    private AzuriteProcess(AzuriteLauncher azurite, string location)
    {
        this.azurite = azurite;
        this.location = location;
    }

    public int QueuePort => azurite.QueuePort;

    public int TablePort => azurite.TablePort;

    public int ProcessId => azurite.ProcessId;

    public string ConnectionString => azurite.ConnectionString;

    public static async Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken)
    {
        var location = Path.Combine(Path.GetTempPath(), "outreach-bench-azurite-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return new AzuriteProcess(await AzuriteLauncher.StartAsync(location, cancellationToken: cancellationToken), location);
        }
        catch
        {
            DeleteFolder(location);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await azurite.DisposeAsync();
        DeleteFolder(location);
    }

    private static void DeleteFolder(string location)
    {
        try
        {
            if (Directory.Exists(location))
            {
                Directory.Delete(location, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open; the folder is under the temp path.
        }
    }
}
