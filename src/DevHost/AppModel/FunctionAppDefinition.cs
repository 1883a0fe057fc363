using System.Globalization;
using System.Text.Json;

namespace Outreach.DevHost.AppModel;

/// <summary>
/// What the Functions host reads from an app root: host.json and one <c>function.json</c> per function folder. DevHost reads
/// the same files, so a function that works here is declared exactly as Azure will run it.
/// </summary>
public sealed class FunctionAppDefinition
{
    private FunctionAppDefinition(string appRoot, HostSettings host, IReadOnlyList<FunctionDefinition> functions)
    {
        AppRoot = appRoot;
        Host = host;
        Functions = functions;
    }

    /// <summary>The folder holding host.json (the script root).</summary>
    public string AppRoot { get; }

    /// <summary>The settings of host.json that DevHost honours.</summary>
    public HostSettings Host { get; }

    /// <summary>The functions, ordered by name.</summary>
    public IReadOnlyList<FunctionDefinition> Functions { get; }

    /// <summary>
    /// Reads host.json and <c>*/function.json</c> below <paramref name="appRoot"/> (or below its <c>functions/</c> folder, the
    /// repository layout; the package puts the folders at the root). Throws <see cref="InvalidDataException"/> naming the file at fault.
    /// </summary>
    public static FunctionAppDefinition Load(string appRoot)
    {
        ArgumentException.ThrowIfNullOrEmpty(appRoot);
        appRoot = Path.GetFullPath(appRoot);
        var hostFile = Path.Combine(appRoot, "host.json");
        if (!File.Exists(hostFile))
        {
            throw new InvalidDataException($"No host.json in {appRoot}.");
        }

        var host = HostSettings.Parse(ReadJson(hostFile), hostFile);
        var functionsFolder = Directory.Exists(Path.Combine(appRoot, "functions")) ? Path.Combine(appRoot, "functions") : appRoot;
        var functions = Directory.EnumerateDirectories(functionsFolder)
            .Where(folder => File.Exists(Path.Combine(folder, "function.json")))
            .Select(folder => FunctionDefinition.Parse(
                Path.GetFileName(folder),
                ReadJson(Path.Combine(folder, "function.json")),
                Path.Combine(folder, "function.json")))
            .OrderBy(function => function.Name, StringComparer.Ordinal)
            .ToList();
        if (functions.Count == 0)
        {
            throw new InvalidDataException($"No */function.json below {functionsFolder}.");
        }

        return new FunctionAppDefinition(appRoot, host, functions);
    }

    /// <summary>
    /// Only the functions named in <paramref name="names"/> (exact case, as <c>func start --functions</c>); throws
    /// <see cref="InvalidDataException"/> for a name the app does not have.
    /// </summary>
    public FunctionAppDefinition Only(IReadOnlyCollection<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var unknown = names.Where(name => Functions.All(function => !string.Equals(function.Name, name, StringComparison.Ordinal))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException(
                $"No function named {string.Join(", ", unknown)}; the app has {string.Join(", ", Functions.Select(function => function.Name))}.");
        }

        return new FunctionAppDefinition(AppRoot, Host, Functions.Where(function => names.Contains(function.Name, StringComparer.Ordinal)).ToList());
    }

    private static JsonElement ReadJson(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file} is not valid JSON: {exception.Message}", exception);
        }
    }
}

/// <summary>The host.json settings DevHost applies (names and defaults as the Functions host documents them).</summary>
public sealed record HostSettings
{
    /// <summary>The route prefix of HTTP functions (<c>extensions.http.routePrefix</c>, default <c>api</c>).</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>The longest an invocation may run (<c>functionTimeout</c>); null when unbounded.</summary>
    public TimeSpan? FunctionTimeout { get; init; }

    /// <summary>The queue trigger's settings (<c>extensions.queues</c>).</summary>
    public QueueSettings Queues { get; init; } = new();

    /// <summary><c>customHandler.enableForwardingHttpRequest</c> (or <c>enableProxyingHttpRequest</c>).</summary>
    public bool ForwardHttpRequests { get; init; }

    /// <summary>How long the handler may take to answer its readiness probe.</summary>
    public TimeSpan InitializationTimeout { get; init; } = TimeSpan.FromSeconds(60);

    internal static HostSettings Parse(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file} is not a JSON object.");
        }

        var handler = Child(root, "customHandler");
        if (handler is null)
        {
            throw new InvalidDataException($"{file} has no customHandler section: DevHost only runs custom handlers.");
        }

        var extensions = Child(root, "extensions");
        var http = extensions is { } e ? Child(e, "http") : null;
        var queues = extensions is { } x ? Child(x, "queues") : null;
        return new HostSettings
        {
            RoutePrefix = (http is { } h ? Text(h, "routePrefix") : null)?.Trim('/') ?? "api",
            FunctionTimeout = Duration(root, "functionTimeout", file) is { } timeout && timeout > TimeSpan.Zero ? timeout : null,
            ForwardHttpRequests = Flag(handler.Value, "enableForwardingHttpRequest") || Flag(handler.Value, "enableProxyingHttpRequest"),
            InitializationTimeout = Duration(handler.Value, "initializationTimeout", file) ?? TimeSpan.FromSeconds(60),
            Queues = queues is { } q ? QueueSettings.Parse(q, file) : new QueueSettings(),
        };
    }

    internal static JsonElement? Child(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
            {
                return property.Value;
            }
        }

        return null;
    }

    internal static string? Text(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind switch
                {
                    JsonValueKind.String => property.Value.GetString(),
                    JsonValueKind.Null or JsonValueKind.Undefined => null,
                    _ => property.Value.GetRawText(),
                };
            }
        }

        return null;
    }

    internal static bool Flag(JsonElement element, string name) =>
        Text(element, name) is { } value && bool.TryParse(value, out var flag) && flag;

    internal static TimeSpan? Duration(JsonElement element, string name, string file)
    {
        var text = Text(element, name);
        if (text is null)
        {
            return null;
        }

        if (text == "-1")
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{file}: {name} '{text}' is not a time span (hh:mm:ss).");
    }
}

/// <summary>The queue trigger's host.json settings, with the storage extension's defaults.</summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched per receive (default 16, at most 32).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched when this few messages are still in flight (default batchSize / 2).</summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>Failures after which a message moves to <c>{queue}-poison</c> (default 5).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before it is retried (default 0).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue (default 1 minute).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>True for base64 messages (the default), false for <c>none</c>.</summary>
    public bool Base64Messages { get; init; } = true;

    /// <summary>The most messages of one queue function in flight at once: <c>batchSize + newBatchThreshold</c>.</summary>
    public int MaxConcurrentMessages => BatchSize + NewBatchThreshold;

    internal static QueueSettings Parse(JsonElement queues, string file)
    {
        int Number(string name, int fallback, int minimum, int maximum)
        {
            var text = HostSettings.Text(queues, name);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
                ? value
                : throw new InvalidDataException($"{file}: extensions.queues.{name} '{text}' must be a whole number from {minimum} to {maximum}.");
        }

        var batchSize = Number("batchSize", 16, 1, 32);
        var encoding = HostSettings.Text(queues, "messageEncoding") ?? "base64";
        if (!string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase) && !string.Equals(encoding, "none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{file}: extensions.queues.messageEncoding '{encoding}' must be base64 or none.");
        }

        var polling = HostSettings.Duration(queues, "maxPollingInterval", file) ?? TimeSpan.FromMinutes(1);
        return new QueueSettings
        {
            BatchSize = batchSize,
            NewBatchThreshold = Number("newBatchThreshold", batchSize / 2, 0, 1000),
            MaxDequeueCount = Number("maxDequeueCount", 5, 1, 1000),
            VisibilityTimeout = HostSettings.Duration(queues, "visibilityTimeout", file) ?? TimeSpan.Zero,
            MaxPollingInterval = polling < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : polling,
            Base64Messages = string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase),
        };
    }
}
