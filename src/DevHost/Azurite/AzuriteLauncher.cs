using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Outreach.DevHost.Processes;

namespace Outreach.DevHost.Azurite;

/// <summary>
/// Starts the Azurite storage emulator installed by <c>npm ci</c> (pinned in package.json), in a process group of its own,
/// and reports the ports it listens on. Port 0 lets Azurite pick free ports, so tests never clash with a developer's own
/// Azurite.
/// </summary>
public sealed partial class AzuriteLauncher : IAsyncDisposable
{
    /// <summary>The well-known development storage account (Azurite's documented default).</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>The well-known development storage key (Azurite's documented default; not a secret).</summary>
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly ChildProcess process;

    private AzuriteLauncher(ChildProcess process, int blobPort, int queuePort, int tablePort)
    {
        this.process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Blob service port.</summary>
    public int BlobPort { get; }

    /// <summary>Queue service port.</summary>
    public int QueuePort { get; }

    /// <summary>Table service port.</summary>
    public int TablePort { get; }

    /// <summary>The operating system's id of the Azurite process.</summary>
    public int ProcessId => process.Id;

    /// <summary>A full connection string for this instance (path-style URLs on 127.0.0.1).</summary>
    public string ConnectionString =>
        string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};");

    /// <summary>
    /// Starts Azurite. With <paramref name="dataLocation"/> null it keeps everything in memory (tests);
    /// otherwise it persists to that folder (local runs). Ports of 0 mean "any free port".
    /// </summary>
    public static async Task<AzuriteLauncher> StartAsync(
        string? dataLocation = null,
        int blobPort = 0,
        int queuePort = 0,
        int tablePort = 0,
        TimeSpan? startupTimeout = null,
        CancellationToken cancellationToken = default)
    {
        var script = FindAzuriteScript();
        var arguments = new List<string> { script };
        foreach (var (name, value) in new[]
                 {
                     ("--blobHost", "127.0.0.1"), ("--queueHost", "127.0.0.1"), ("--tableHost", "127.0.0.1"),
                     ("--blobPort", blobPort.ToString(CultureInfo.InvariantCulture)),
                     ("--queuePort", queuePort.ToString(CultureInfo.InvariantCulture)),
                     ("--tablePort", tablePort.ToString(CultureInfo.InvariantCulture)),
                 })
        {
            arguments.Add(name);
            arguments.Add(value);
        }

        arguments.Add("--disableTelemetry");

        if (dataLocation is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(dataLocation);
            arguments.Add("--location");
            arguments.Add(dataLocation);
        }

        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        void OnLine(string line, bool isError)
        {
            lock (ports)
            {
                output.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        }

        var process = ChildProcess.Start("Azurite", "node", arguments, Directory.GetCurrentDirectory(), null, OnLine);
        _ = process.Exited.ContinueWith(
            _ =>
            {
                lock (ports)
                {
                    ready.TrySetException(new InvalidOperationException("Azurite exited during start-up: " + FirstError(output.ToString())));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            await ready.Task.WaitAsync(startupTimeout ?? TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await process.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new AzuriteLauncher(process, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    /// <summary>Finds the repository root (the folder holding package.json and Outreach.sln) from a start folder upwards.</summary>
    public static string FindRepositoryRoot(string? start = null)
    {
        for (var folder = new DirectoryInfo(start ?? AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "package.json")) &&
                (File.Exists(Path.Combine(folder.FullName, "Outreach.sln")) || File.Exists(Path.Combine(folder.FullName, "host.json"))))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (package.json and Outreach.sln) was not found above " + (start ?? AppContext.BaseDirectory));
    }

    private static string FindAzuriteScript()
    {
        var root = FindRepositoryRoot();
        var script = Path.Combine(root, "node_modules", "azurite", "dist", "src", "azurite.js");
        return File.Exists(script)
            ? script
            : throw new InvalidOperationException($"Azurite is not installed under {root}. Run 'npm ci' in the repository root first.");
    }

    private static string FirstError(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(line => line.Contains("error", StringComparison.OrdinalIgnoreCase) || line.Contains("EADDRINUSE", StringComparison.Ordinal))
        ?? output.Trim();

    /// <summary>Stops Azurite: SIGTERM first, so that a persisted instance writes its data files, then a kill after 3 s.</summary>
    public async ValueTask DisposeAsync()
    {
        await process.StopAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
        await process.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
