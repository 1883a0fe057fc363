using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Functions.Invocations;

/// <summary>
/// The body the Functions host POSTs to <c>/{FunctionName}</c> for a payload-mode invocation: one <see cref="Data"/> entry
/// per input binding (keyed by the binding name in function.json) and the trigger's binding data in <see cref="Metadata"/>.
/// </summary>
/// <remarks>
/// The host JSON-encodes strings, numbers and booleans a second time (a queue message <c>abc</c> arrives as
/// <c>"\"abc\""</c>, <c>DequeueCount</c> as <c>"1"</c>), so values stay <see cref="JsonElement"/> here and are decoded
/// by <see cref="InvocationValues"/>.
/// </remarks>
public sealed record InvocationRequest(
    IReadOnlyDictionary<string, JsonElement>? Data,
    IReadOnlyDictionary<string, JsonElement>? Metadata);

/// <summary>
/// The handler's answer: <c>Outputs</c> keyed by output binding name (exactly as in function.json), <c>Logs</c> written to
/// the invocation log by the host, and <c>ReturnValue</c> (unused: no function has a <c>$return</c> binding).
/// </summary>
/// <remarks>Queue outputs are always arrays of strings: the host takes each element as one message's exact text, whereas a
/// bare string that happens to be valid base64 would be decoded into garbage.</remarks>
public sealed record InvocationResponse(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Outputs,
    IReadOnlyList<string> Logs,
    string? ReturnValue);

/// <summary>The timer trigger's value (<c>Data.{binding}</c>), as the timer extension's <c>TimerInfo</c> serializes it.</summary>
/// <param name="ScheduleStatus">Last and next occurrence; null when schedule monitoring is off.</param>
/// <param name="IsPastDue">True when this occurrence is late (for example after a restart).</param>
public sealed record TimerInfo(TimerScheduleStatus? ScheduleStatus, bool IsPastDue);

/// <summary>The timer's monitored schedule status.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset? Last, DateTimeOffset? Next, DateTimeOffset? LastUpdated);

/// <summary>The queue trigger's binding data (<c>Metadata</c>), decoded from the host's string encoding.</summary>
/// <param name="Id">The queue message id.</param>
/// <param name="DequeueCount">How many times the message has been dequeued, this time included.</param>
/// <param name="InsertionTime">When the message was put on the queue.</param>
public sealed record QueueMessageMetadata(string? Id, long DequeueCount, DateTimeOffset? InsertionTime);

/// <summary>An invocation the handler refuses because its payload cannot be understood; answered 400 (the host fails it).</summary>
public sealed class MalformedInvocationException : Exception
{
    /// <summary>Creates the exception with the reason, which is logged and never contains the payload itself.</summary>
    public MalformedInvocationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and the parser's error.</summary>
    public MalformedInvocationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic reason.</summary>
    public MalformedInvocationException()
        : base("The invocation payload is malformed.")
    {
    }
}

/// <summary>Decodes the host's value encoding (see <see cref="InvocationRequest"/>).</summary>
public static class InvocationValues
{
    /// <summary>
    /// The text of a string-typed value: the host's <c>"\"text\""</c> becomes <c>text</c>. A value that was encoded only
    /// once (as some documentation examples show) is returned as it is. Null for a missing or JSON-null value.
    /// </summary>
    public static string? DecodeString(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Undefined or JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                var outer = value.GetString()!;
                if (outer.Length >= 2 && outer[0] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize(outer, InvocationJsonContext.Default.String);
                    }
                    catch (JsonException)
                    {
                        return outer;
                    }
                }

                return outer;
            default:
                // Numbers and booleans sent unencoded: their JSON text is their value.
                return value.GetRawText();
        }
    }

    /// <summary>The queue trigger's metadata; <c>DequeueCount</c> arrives as the string <c>"1"</c>, or as a number.</summary>
    public static QueueMessageMetadata DecodeQueueMetadata(IReadOnlyDictionary<string, JsonElement>? metadata)
    {
        string? Text(string key) => metadata is not null && metadata.TryGetValue(key, out var value) ? DecodeString(value) : null;

        var dequeueText = Text("DequeueCount");
        long dequeueCount = 0;
        if (dequeueText is not null && !long.TryParse(dequeueText, NumberStyles.Integer, CultureInfo.InvariantCulture, out dequeueCount))
        {
            throw new MalformedInvocationException("Metadata.DequeueCount is not a number.");
        }

        DateTimeOffset? inserted = DateTimeOffset.TryParse(Text("InsertionTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
        return new QueueMessageMetadata(Text("Id"), dequeueCount, inserted);
    }

    /// <summary>The timer trigger's value: an object, or (defensively) that object's JSON encoded as a string.</summary>
    public static TimerInfo DecodeTimer(JsonElement value)
    {
        try
        {
            return value.ValueKind switch
            {
                JsonValueKind.Object => value.Deserialize(InvocationJsonContext.Default.TimerInfo)!,
                JsonValueKind.String => JsonSerializer.Deserialize(DecodeString(value)!, InvocationJsonContext.Default.TimerInfo)
                    ?? throw new MalformedInvocationException("The timer value is null."),
                _ => throw new MalformedInvocationException($"The timer value is a JSON {value.ValueKind}, not an object."),
            };
        }
        catch (JsonException exception)
        {
            throw new MalformedInvocationException("The timer value is not the timer trigger's TimerInfo.", exception);
        }
    }
}

/// <summary>Source-generated JSON for the invocation protocol. Member names are the host's PascalCase; reading ignores case.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(TimerInfo))]
[JsonSerializable(typeof(string))]
public sealed partial class InvocationJsonContext : JsonSerializerContext;
