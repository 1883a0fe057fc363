using System.Globalization;

namespace Outreach.DevHost.Hosting;

/// <summary>How DevHost runs; every option has a default that suits <c>./run.sh</c> in a clone of the repository.</summary>
public sealed record DevHostOptions
{
    /// <summary>The setting that, when <c>true</c>, fires every timer once at start (as <c>--run-timers-on-startup</c>).</summary>
    public const string RunTimersOnStartupSetting = "DevHost:RunTimersOnStartup";

    /// <summary>
    /// The built worker: the folder with worker.config.json, host.json and the worker assembly (a build or publish output).
    /// Null: <c>src/Functions/bin/{Configuration}/net10.0</c> under the settings root.
    /// </summary>
    public string? App { get; init; }

    /// <summary>
    /// The folder with local.settings.json (or local.settings.sample.json): the worker's working directory and content root, so
    /// that relative paths in settings (config/, templates/) resolve there. Null: the first such folder above the current one.
    /// </summary>
    public string? SettingsRoot { get; init; }

    /// <summary>The build configuration of the default app folder; null means DevHost's own (Debug or Release).</summary>
    public string? Configuration { get; init; }

    /// <summary>
    /// The HTTP port; 0 picks a free one. Null: <c>Host.LocalHttpPort</c> of local.settings.json, as <c>func start</c> reads it, else 7071.
    /// </summary>
    public int? Port { get; init; }

    /// <summary>Run only these functions (as <c>func start --functions</c>); empty runs all.</summary>
    public IReadOnlyList<string> Functions { get; init; } = [];

    /// <summary>Fire every timer once at start, whatever its <c>runOnStartup</c>.</summary>
    public bool RunTimersOnStartup { get; init; }

    /// <summary>
    /// Start an Azurite of DevHost's own on these ports (blob, queue, table; 0 = any free port) and give the worker an
    /// explicit connection string for it, whatever <c>AzureWebJobsStorage</c> says. Null: use <c>AzureWebJobsStorage</c>, starting
    /// Azurite on 10000-10002 only when it is <c>UseDevelopmentStorage=true</c> and nothing answers there.
    /// </summary>
    public AzuritePorts? AzuritePorts { get; init; }

    /// <summary>Where a started Azurite keeps its data; null means <c>.azurite</c> under the settings root, or memory with <see cref="AzuritePorts"/>.</summary>
    public string? AzuriteLocation { get; init; }

    /// <summary>Log at debug level too: the worker's own diagnostics and the stack traces of failed invocations.</summary>
    public bool Verbose { get; init; }

    /// <summary>How long running invocations may take to finish when DevHost stops (children are gone a few seconds later).</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Usage text for <c>--help</c>.</summary>
    public const string Usage = """
        Outreach.DevHost: plays the Azure Functions host for a built .NET isolated worker, as `func start` would
        (gRPC to the worker, queue and timer triggers, queue outputs, HTTP on :7071, Azurite on demand).

          --app <folder>                the built worker: worker.config.json, host.json, the worker assembly
                                        (default: src/Functions/bin/<configuration>/net10.0 under the settings root)
          --settings-root <folder>      the folder with local.settings.json (else local.settings.sample.json); the worker's
                                        working directory and AzureWebJobsScriptRoot (default: found above the current folder)
          --app-root <folder>           the same as --settings-root (the name run.sh used before)
          --configuration <name>        Debug or Release, for the default app folder (default: DevHost's own)
          --port <number>               HTTP port for /api/... (default: Host.LocalHttpPort of local.settings.json, else 7071; 0 = any free port)
          --functions <Name>[,<Name>]   run only these functions (e.g. --functions StaffApi,PublicApi)
          --run-timers-on-startup       fire every timer once at start (setting DevHost:RunTimersOnStartup=true does the same)
          --azurite-ports free|<blob>,<queue>,<table>
                                        start a private Azurite on these ports and point the worker at it
          --azurite-location <folder>|memory
                                        where a started Azurite keeps its data (default: .azurite under the settings root
                                        for the one on 10000-10002, memory for a private one of --azurite-ports)
          --verbose                     also the worker's own diagnostics and the stack traces of failed invocations
          --help                        this text

        Settings come from local.settings.json (else local.settings.sample.json); a variable set in the environment wins.
        Ctrl+C stops gracefully (the worker gets WorkerTerminate); a second Ctrl+C ends everything at once.
        """;

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> naming the bad argument.</summary>
    public static DevHostOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new DevHostOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    throw new ArgumentException($"{name} needs a value.");
                }

                return args[++i];
            }

            options = name switch
            {
                "--app" => options with { App = Value() },
                "--settings-root" or "--app-root" => options with { SettingsRoot = Value() },
                "--configuration" or "-c" => options with { Configuration = Value() },
                "--port" => options with { Port = ParsePort(Value(), name) },
                "--run-timers-on-startup" => options with { RunTimersOnStartup = true },
                "--verbose" => options with { Verbose = true },
                "--functions" => options with
                {
                    Functions = [.. options.Functions, .. Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
                },
                "--azurite-ports" => options with { AzuritePorts = Hosting.AzuritePorts.Parse(Value()) },
                "--azurite-location" => options with { AzuriteLocation = Value() },
                _ => throw new ArgumentException($"Unknown argument '{name}'. Use --help."),
            };
        }

        return options;
    }

    internal static int ParsePort(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"{name} '{text}' is not a port number (0-65535).");
}
