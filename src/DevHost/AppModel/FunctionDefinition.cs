using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.AppModel;

/// <summary>
/// One function as the worker indexed it (worker indexing: <c>FunctionMetadataResponse</c>): its name and id, its trigger
/// and its other bindings read from the raw binding JSON, and the metadata to send back in its <c>FunctionLoadRequest</c>.
/// </summary>
public sealed record FunctionDefinition(string Name, string FunctionId, TriggerKind Kind, BindingDefinition Trigger, IReadOnlyList<BindingDefinition> Bindings, RpcFunctionMetadata Metadata)
{
    /// <summary>The queue output bindings.</summary>
    public IEnumerable<BindingDefinition> QueueOutputs => Bindings.Where(binding => binding.IsQueueOutput);

    /// <summary>The HTTP methods of an HTTP trigger, upper case; empty means every method.</summary>
    public IReadOnlyList<string> HttpMethods =>
        Kind == TriggerKind.Http ? [.. JsonProperties.Strings(Trigger.Properties, "methods").Select(method => method.ToUpperInvariant())] : [];

    /// <summary>The HTTP trigger's route below the route prefix (default: the function name).</summary>
    public string HttpRoute => (Trigger.Property("route") is { Length: > 0 } route ? route : Name).Trim('/');

    /// <summary>Reads one function of the worker's metadata; throws <see cref="InvalidDataException"/> for metadata DevHost cannot play.</summary>
    public static FunctionDefinition FromMetadata(RpcFunctionMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var name = metadata.Name;
        var bindings = metadata.RawBindings.Select(raw => BindingDefinition.Parse(raw, name)).ToList();
        var triggers = bindings.Where(binding => binding.IsTrigger).ToList();
        if (triggers.Count != 1)
        {
            throw new InvalidDataException($"The function {name} has {triggers.Count} triggers; a function has exactly one.");
        }

        var trigger = triggers[0];
        var kind = trigger.Type.ToUpperInvariant() switch
        {
            "QUEUETRIGGER" => TriggerKind.Queue,
            "TIMERTRIGGER" => TriggerKind.Timer,
            "HTTPTRIGGER" => TriggerKind.Http,
            _ => TriggerKind.Other,
        };
        if (kind == TriggerKind.Queue && string.IsNullOrEmpty(trigger.Property("queueName")))
        {
            throw new InvalidDataException($"The queueTrigger of {name} has no queueName.");
        }

        if (kind == TriggerKind.Timer && string.IsNullOrEmpty(trigger.Property("schedule")))
        {
            throw new InvalidDataException($"The timerTrigger of {name} has no schedule.");
        }

        foreach (var output in bindings.Where(binding => binding.IsQueueOutput && string.IsNullOrEmpty(binding.Property("queueName"))))
        {
            throw new InvalidDataException($"The queue output '{output.Name}' of {name} has no queueName.");
        }

        var functionId = metadata.FunctionId is { Length: > 0 } id ? id : Guid.NewGuid().ToString("D");
        return new FunctionDefinition(name, functionId, kind, trigger, bindings, metadata);
    }
}
