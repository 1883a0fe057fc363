using System.Text.Json;

namespace Outreach.DevHost.AppModel;

/// <summary>The kinds of trigger DevHost can play.</summary>
public enum TriggerKind
{
    /// <summary><c>queueTrigger</c>.</summary>
    Queue,

    /// <summary><c>timerTrigger</c>.</summary>
    Timer,

    /// <summary><c>httpTrigger</c>.</summary>
    Http,
}

/// <summary>One binding of a function.json, with the properties DevHost reads.</summary>
/// <param name="Name">The binding name (the key under <c>Data</c> or <c>Outputs</c>).</param>
/// <param name="Type">The binding type as written (<c>queueTrigger</c>, <c>queue</c>, <c>http</c>...).</param>
/// <param name="Direction"><c>in</c> or <c>out</c>.</param>
/// <param name="Properties">The binding object itself.</param>
public sealed record BindingDefinition(string Name, string Type, string Direction, JsonElement Properties)
{
    /// <summary>A string property of the binding (names are case-insensitive, as the host binds them).</summary>
    public string? Property(string name) => HostSettings.Text(Properties, name);

    /// <summary>A boolean property of the binding, or <paramref name="fallback"/>.</summary>
    public bool Flag(string name, bool fallback) =>
        Property(name) is { } text && bool.TryParse(text, out var value) ? value : fallback;

    /// <summary>True for an input binding.</summary>
    public bool IsInput => string.Equals(Direction, "in", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a queue output binding.</summary>
    public bool IsQueueOutput =>
        string.Equals(Type, "queue", StringComparison.OrdinalIgnoreCase) && string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    /// <summary>The setting naming the storage account (<c>connection</c>, default <c>AzureWebJobsStorage</c>).</summary>
    public string Connection => Property("connection") is { Length: > 0 } connection ? connection : "AzureWebJobsStorage";
}

/// <summary>One function: its folder name, its trigger and its other bindings.</summary>
public sealed record FunctionDefinition(string Name, TriggerKind Kind, BindingDefinition Trigger, IReadOnlyList<BindingDefinition> Bindings)
{
    /// <summary>The queue output bindings.</summary>
    public IEnumerable<BindingDefinition> QueueOutputs => Bindings.Where(binding => binding.IsQueueOutput);

    /// <summary>
    /// True when the host forwards the HTTP request as is (forwarding on, exactly one httpTrigger input and one http output);
    /// any other HTTP function is invoked in payload mode, which DevHost does not play.
    /// </summary>
    public bool IsHttpInAndOut =>
        Kind == TriggerKind.Http &&
        Bindings.Count(binding => binding.IsInput) == 1 &&
        Bindings.Count(binding => !binding.IsInput) == 1 &&
        Bindings.Any(binding => !binding.IsInput && string.Equals(binding.Type, "http", StringComparison.OrdinalIgnoreCase));

    internal static FunctionDefinition Parse(string name, JsonElement root, string file)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("bindings", out var bindingsElement) || bindingsElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{file} has no \"bindings\" array.");
        }

        if (HostSettings.Text(root, "disabled") is { } disabled && bool.TryParse(disabled, out var isDisabled) && isDisabled)
        {
            throw new InvalidDataException($"{file} is disabled; DevHost does not play disabled functions (remove the folder or the flag).");
        }

        var bindings = new List<BindingDefinition>();
        foreach (var element in bindingsElement.EnumerateArray())
        {
            var bindingName = HostSettings.Text(element, "name");
            var type = HostSettings.Text(element, "type");
            var direction = HostSettings.Text(element, "direction");
            if (string.IsNullOrEmpty(bindingName) || string.IsNullOrEmpty(type) || string.IsNullOrEmpty(direction))
            {
                throw new InvalidDataException($"{file}: every binding needs name, type and direction.");
            }

            bindings.Add(new BindingDefinition(bindingName, type, direction, element.Clone()));
        }

        var triggers = bindings.Where(binding => binding.Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase)).ToList();
        if (triggers.Count != 1)
        {
            throw new InvalidDataException($"{file} has {triggers.Count} triggers; a function has exactly one.");
        }

        var trigger = triggers[0];
        var kind = trigger.Type.ToUpperInvariant() switch
        {
            "QUEUETRIGGER" => TriggerKind.Queue,
            "TIMERTRIGGER" => TriggerKind.Timer,
            "HTTPTRIGGER" => TriggerKind.Http,
            _ => throw new InvalidDataException($"{file}: DevHost does not play {trigger.Type} triggers (queue, timer and HTTP only)."),
        };

        if (kind == TriggerKind.Queue && string.IsNullOrEmpty(trigger.Property("queueName")))
        {
            throw new InvalidDataException($"{file}: the queueTrigger has no queueName.");
        }

        if (kind == TriggerKind.Timer && string.IsNullOrEmpty(trigger.Property("schedule")))
        {
            throw new InvalidDataException($"{file}: the timerTrigger has no schedule.");
        }

        foreach (var output in bindings.Where(binding => binding.IsQueueOutput && string.IsNullOrEmpty(binding.Property("queueName"))))
        {
            throw new InvalidDataException($"{file}: the queue output '{output.Name}' has no queueName.");
        }

        return new FunctionDefinition(name, kind, trigger, bindings);
    }

    /// <summary>The HTTP methods of an HTTP trigger, upper case; empty means every method.</summary>
    public IReadOnlyList<string> HttpMethods
    {
        get
        {
            if (Kind != TriggerKind.Http || !TryGetArray(Trigger.Properties, "methods", out var methods))
            {
                return [];
            }

            return methods.EnumerateArray()
                .Where(method => method.ValueKind == JsonValueKind.String)
                .Select(method => method.GetString()!.ToUpperInvariant())
                .ToList();
        }
    }

    /// <summary>The HTTP trigger's route below the route prefix (default: the function name).</summary>
    public string HttpRoute => (Trigger.Property("route") is { Length: > 0 } route ? route : Name).Trim('/');

    private static bool TryGetArray(JsonElement element, string name, out JsonElement array)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Array)
            {
                array = property.Value;
                return true;
            }
        }

        array = default;
        return false;
    }
}
