using System.Net;
using System.Text;
using System.Text.Json;
using Outreach.DevHost.AppModel;

namespace Outreach.DevHost.Invocations;

/// <summary>What one payload-mode invocation produced, read from the handler's answer the way the host reads it (reference §2).</summary>
public sealed record InvocationResult
{
    /// <summary>True when the handler answered 2xx with a JSON object.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Why the invocation failed (never the body: it may carry personal data).</summary>
    public string? FailureReason { get; init; }

    /// <summary>Messages per queue output binding name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> QueueOutputs { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>The handler's <c>Logs</c> lines.</summary>
    public IReadOnlyList<string> Logs { get; init; } = [];

    /// <summary>Things the host would have done silently that a developer should know (e.g. a base64-looking output string decoded).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>A failed invocation.</summary>
    public static InvocationResult Failed(string reason) => new() { Succeeded = false, FailureReason = reason };

    /// <summary>
    /// Reads the handler's answer: non-2xx, a non-JSON content type or a body that is not a JSON object fail the invocation,
    /// as in the host; otherwise the queue outputs of <paramref name="function"/> are taken from <c>Outputs</c> (top-level names
    /// case-insensitive, output names exactly as in function.json).
    /// </summary>
    public static InvocationResult FromResponse(FunctionDefinition function, HttpStatusCode status, string? mediaType, string body)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(body);
        var code = (int)status;
        if (code is < 200 or > 299)
        {
            return Failed($"Response status code does not indicate success: {code} ({status}).");
        }

        if (mediaType is null ||
            !(mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.Equals("text/json", StringComparison.OrdinalIgnoreCase) ||
              mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
        {
            return Failed($"The handler answered {code} with content type '{mediaType ?? "(none)"}'; the host reads only JSON.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Failed($"The handler answered {code} with a body that is not JSON.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed($"The handler answered {code} with JSON {root.ValueKind}, not an object.");
            }

            var warnings = new List<string>();
            var outputs = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (Member(root, "Outputs") is { ValueKind: JsonValueKind.Object } outputsElement)
            {
                var queueBindings = function.QueueOutputs.Select(binding => binding.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var output in outputsElement.EnumerateObject())
                {
                    if (!queueBindings.Contains(output.Name))
                    {
                        if (!function.Bindings.Any(binding => !binding.IsInput && string.Equals(binding.Name, output.Name, StringComparison.Ordinal)))
                        {
                            warnings.Add($"Outputs.{output.Name} names no output binding of {function.Name} (binding names are case-sensitive); the host ignores it.");
                        }

                        continue;
                    }

                    outputs[output.Name] = QueueMessages(output.Name, output.Value, warnings);
                }
            }

            var logs = Member(root, "Logs") is { ValueKind: JsonValueKind.Array } logsElement
                ? logsElement.EnumerateArray().Select(line => line.ValueKind == JsonValueKind.String ? line.GetString() ?? "" : line.GetRawText()).ToList()
                : [];
            return new InvocationResult { Succeeded = true, QueueOutputs = outputs, Logs = logs, Warnings = warnings };
        }
    }

    /// <summary>
    /// The messages the queue extension would enqueue for one output value (reference §2.2): each element of an array (strings as
    /// they are, anything else as its JSON); a string that is valid base64 as its decoded bytes (the host's trap, warned about);
    /// a string holding a JSON array as its elements; any other string as one message.
    /// </summary>
    internal static IReadOnlyList<string> QueueMessages(string bindingName, JsonElement value, List<string> warnings)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return [];
            case JsonValueKind.Array:
                return value.EnumerateArray()
                    .Where(item => item.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
                    .Select(item => item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText())
                    .ToList();
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.Length > 0 && TryDecodeBase64(text, out var decoded))
                {
                    warnings.Add($"Outputs.{bindingName} is a string that is valid base64; the host enqueues its decoded bytes, not the text. Return an array of strings.");
                    return [decoded];
                }

                var trimmed = text.TrimStart();
                if (trimmed.StartsWith('['))
                {
                    try
                    {
                        using var array = JsonDocument.Parse(text);
                        return QueueMessages(bindingName, array.RootElement.Clone(), warnings);
                    }
                    catch (JsonException)
                    {
                        return [text];
                    }
                }

                return [text];
            default:
                return [value.GetRawText()];
        }
    }

    private static bool TryDecodeBase64(string text, out string decoded)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            decoded = Encoding.UTF8.GetString(buffer, 0, written);
            return true;
        }

        decoded = "";
        return false;
    }

    private static JsonElement? Member(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
