using System.Text.Json;

namespace Outreach.DevHost.AppModel;

/// <summary>The host.json settings DevHost applies (names and defaults as the Functions host documents them).</summary>
public sealed record HostSettings
{
    /// <summary>The route prefix of HTTP functions (<c>extensions.http.routePrefix</c>, default <c>api</c>).</summary>
    public string RoutePrefix { get; init; } = "api";

    /// <summary>The longest an invocation may run (<c>functionTimeout</c>); null when unbounded.</summary>
    public TimeSpan? FunctionTimeout { get; init; }

    /// <summary>The queue trigger's settings (<c>extensions.queues</c>).</summary>
    public QueueSettings Queues { get; init; } = new();

    /// <summary>Reads the host.json of the app folder <paramref name="appFolder"/>; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static HostSettings Load(string appFolder)
    {
        var file = Path.Combine(appFolder, "host.json");
        return File.Exists(file)
            ? Parse(JsonProperties.ReadFile(file), file)
            : throw new InvalidDataException($"No host.json in {appFolder}: is it the output folder of a built Functions app?");
    }

    internal static HostSettings Parse(JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{file} is not a JSON object.");
        }

        var extensions = JsonProperties.Child(root, "extensions");
        var http = extensions is { } e ? JsonProperties.Child(e, "http") : null;
        var queues = extensions is { } x ? JsonProperties.Child(x, "queues") : null;
        return new HostSettings
        {
            RoutePrefix = (http is { } h ? JsonProperties.Text(h, "routePrefix") : null)?.Trim('/') ?? "api",
            FunctionTimeout = JsonProperties.Duration(root, "functionTimeout", file) is { } timeout && timeout > TimeSpan.Zero ? timeout : null,
            Queues = queues is { } q ? QueueSettings.Parse(q, file) : new QueueSettings(),
        };
    }
}
