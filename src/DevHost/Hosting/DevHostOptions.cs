using System.Globalization;

namespace Outreach.DevHost.Hosting;

/// <summary>How DevHost runs; every option has a default that suits <c>./run.sh</c> in a clone of the repository.</summary>
public sealed record DevHostOptions
{
    /// <summary>The setting that, when <c>true</c>, fires every timer once at start (as <c>--run-timers-on-startup</c>).</summary>
    public const string RunTimersOnStartupSetting = "DevHost:RunTimersOnStartup";

    /// <summary>The app root (the folder with host.json); null finds it above the current folder.</summary>
    public string? AppRoot { get; init; }

    /// <summary>The handler assembly; null means <c>src/Functions/bin/{Configuration}/net10.0/Outreach.Functions.dll</c> under the app root.</summary>
    public string? HandlerAssembly { get; init; }

    /// <summary>
    /// A handler that is already running (e.g. under a debugger, started with FUNCTIONS_CUSTOMHANDLER_PORT set by hand): DevHost
    /// starts no process and sends invocations there. Null: DevHost starts the handler.
    /// </summary>
    public Uri? HandlerUrl { get; init; }

    /// <summary>The build configuration of the default handler path; null means DevHost's own (Debug or Release).</summary>
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
    /// Start an Azurite of DevHost's own on these ports (blob, queue, table; 0 = any free port) and give the handler an
    /// explicit connection string for it, whatever <c>AzureWebJobsStorage</c> says. Null: use <c>AzureWebJobsStorage</c>, starting
    /// Azurite on 10000-10002 only when it is <c>UseDevelopmentStorage=true</c> and nothing answers there.
    /// </summary>
    public AzuritePorts? AzuritePorts { get; init; }

    /// <summary>Where a started Azurite keeps its data; null means <c>.azurite</c> under the app root, or memory with <see cref="AzuritePorts"/>.</summary>
    public string? AzuriteLocation { get; init; }

    /// <summary>How long running invocations may take to finish when DevHost stops.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Usage text for <c>--help</c>.</summary>
    public const string Usage = """
        Outreach.DevHost: runs the Functions app locally as `func start` would (queues, timers, HTTP on :7071, Azurite).

          --app-root <folder>           the folder with host.json (default: found above the current folder)
          --handler <path>              the handler: a .dll run with dotnet, or an executable such as the package's
                                        handler/Outreach.Functions (default: src/Functions/bin/<configuration>/net10.0/Outreach.Functions.dll)
          --handler-url <url>           attach to a handler you started yourself (e.g. in a debugger) instead of starting one
          --configuration <name>        Debug or Release, for the default handler path (default: DevHost's own)
          --port <number>               HTTP port for /api/... (default: Host.LocalHttpPort of local.settings.json, else 7071; 0 = any free port)
          --functions <Name>[,<Name>]   run only these functions (e.g. --functions StaffApi,PublicApi)
          --run-timers-on-startup       fire every timer once at start (setting DevHost:RunTimersOnStartup=true does the same)
          --azurite-ports free|<blob>,<queue>,<table>
                                        start a private Azurite on these ports and point the handler at it
          --azurite-location <folder>|memory
                                        where a started Azurite keeps its data (default .azurite under the app root)
          --help                        this text

        Settings come from local.settings.json (else local.settings.sample.json); a variable set in the environment wins.
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
                "--app-root" => options with { AppRoot = Value() },
                "--handler" => options with { HandlerAssembly = Value() },
                "--handler-url" => options with { HandlerUrl = ParseUrl(Value(), name) },
                "--configuration" or "-c" => options with { Configuration = Value() },
                "--port" => options with { Port = ParsePort(Value(), name) },
                "--run-timers-on-startup" => options with { RunTimersOnStartup = true },
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

    internal static Uri ParseUrl(string text, string name) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp
            ? url
            : throw new ArgumentException($"{name} '{text}' is not an http:// address.");

    internal static int ParsePort(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new ArgumentException($"{name} '{text}' is not a port number (0-65535).");
}

/// <summary>The three ports of an Azurite DevHost starts itself; 0 means any free port.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table)
{
    /// <summary>Any free ports.</summary>
    public static AzuritePorts Free { get; } = new(0, 0, 0);

    /// <summary>Parses <c>free</c> or <c>blob,queue,table</c>.</summary>
    public static AzuritePorts Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, "free", StringComparison.OrdinalIgnoreCase))
        {
            return Free;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 3
            ? new AzuritePorts(
                DevHostOptions.ParsePort(parts[0], "--azurite-ports"),
                DevHostOptions.ParsePort(parts[1], "--azurite-ports"),
                DevHostOptions.ParsePort(parts[2], "--azurite-ports"))
            : throw new ArgumentException($"--azurite-ports '{text}' must be 'free' or three ports: blob,queue,table.");
    }
}
