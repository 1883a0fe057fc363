using System.Text.Json;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.AppModel;

/// <summary>One binding of a function, as the worker's metadata gives it (a raw JSON object).</summary>
/// <param name="Name">The binding name (<c>$return</c> for a function's return value).</param>
/// <param name="Type">The binding type as written (<c>queueTrigger</c>, <c>queue</c>, <c>http</c>...).</param>
/// <param name="Direction"><c>In</c> or <c>Out</c>.</param>
/// <param name="Properties">The binding object itself.</param>
public sealed record BindingDefinition(string Name, string Type, string Direction, JsonElement Properties)
{
    /// <summary>The name of the binding that carries a function's return value.</summary>
    public const string ReturnName = "$return";

    /// <summary>A string property of the binding (names are case-insensitive, as the host binds them).</summary>
    public string? Property(string name) => JsonProperties.Text(Properties, name);

    /// <summary>A boolean property of the binding, or <paramref name="fallback"/>.</summary>
    public bool Flag(string name, bool fallback) => JsonProperties.Flag(Properties, name, fallback);

    /// <summary>True for a trigger.</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a queue output binding.</summary>
    public bool IsQueueOutput =>
        string.Equals(Type, "queue", StringComparison.OrdinalIgnoreCase) && string.Equals(Direction, "out", StringComparison.OrdinalIgnoreCase);

    /// <summary>The setting naming the storage account (<c>connection</c>, default <c>AzureWebJobsStorage</c>).</summary>
    public string Connection => Property("connection") is { Length: > 0 } connection ? connection : "AzureWebJobsStorage";

    /// <summary>
    /// True when the worker asks for the binding's model data rather than its content (an SDK type such as <c>QueueMessage</c>):
    /// the worker's metadata says <c>properties.supportsDeferredBinding</c>.
    /// </summary>
    public bool SupportsDeferredBinding =>
        JsonProperties.Child(Properties, "properties") is { } properties && JsonProperties.Flag(properties, "supportsDeferredBinding");

    /// <summary>
    /// The binding as the host describes it in a <c>FunctionLoadRequest</c> (the worker builds its binding definitions from
    /// these, not from the raw JSON): type, direction, data type and the binding's <c>properties</c>.
    /// </summary>
    public BindingInfo ToBindingInfo()
    {
        var info = new BindingInfo
        {
            Type = Type,
            Direction = Direction.ToUpperInvariant() switch
            {
                "OUT" => BindingInfo.Types.Direction.Out,
                "INOUT" => BindingInfo.Types.Direction.Inout,
                _ => BindingInfo.Types.Direction.In,
            },
            DataType = Property("dataType")?.ToUpperInvariant() switch
            {
                "STRING" => BindingInfo.Types.DataType.String,
                "BINARY" => BindingInfo.Types.DataType.Binary,
                "STREAM" => BindingInfo.Types.DataType.Stream,
                _ => BindingInfo.Types.DataType.Undefined,
            },
        };
        if (JsonProperties.Child(Properties, "properties") is { } properties)
        {
            foreach (var property in properties.EnumerateObject())
            {
                info.Properties[property.Name] = JsonProperties.Text(properties, property.Name) ?? "";
            }
        }

        return info;
    }

    internal static BindingDefinition Parse(string rawBinding, string functionName)
    {
        var element = JsonProperties.Parse(rawBinding, $"A binding of {functionName}");
        var name = JsonProperties.Text(element, "name");
        var type = JsonProperties.Text(element, "type");
        var direction = JsonProperties.Text(element, "direction");
        return string.IsNullOrEmpty(name) || string.IsNullOrEmpty(type) || string.IsNullOrEmpty(direction)
            ? throw new InvalidDataException($"A binding of {functionName} lacks name, type or direction: {rawBinding}")
            : new BindingDefinition(name, type, direction, element);
    }
}
