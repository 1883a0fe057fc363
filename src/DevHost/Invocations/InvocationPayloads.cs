using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Outreach.DevHost.Invocations;

/// <summary>A received queue message as the queue trigger describes it in <c>Metadata</c>.</summary>
/// <param name="Id">The message id.</param>
/// <param name="PopReceipt">The receipt of this dequeue.</param>
/// <param name="DequeueCount">How many times the message has been dequeued, this time included.</param>
/// <param name="InsertionTime">When it was put on the queue.</param>
/// <param name="ExpirationTime">When it expires.</param>
/// <param name="NextVisibleTime">When it becomes visible again unless deleted.</param>
public sealed record QueueMessageDetails(
    string Id,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime);

/// <summary>A monitored timer's last and next occurrence, as the timer trigger's <c>ScheduleStatus</c>.</summary>
public sealed record TimerScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated);

/// <summary>
/// Builds payload-mode invocation bodies byte for byte in the Functions host's shape (reference §1.1): <c>{"Data":…,"Metadata":…}</c>,
/// where every string, number or boolean value is the JSON text of that value inside a JSON string (the host's
/// <c>JsonConvert.SerializeObject</c>): a message <c>abc</c> is sent as <c>"\"abc\""</c> and a dequeue count 1 as <c>"1"</c>;
/// times are ISO 8601 without fractions, and <c>sys</c> is an object.
/// </summary>
public static class InvocationPayloads
{
    // Newtonsoft (the host's serializer) escapes only quotes, backslashes and control characters; Danish letters stay as they are.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The body for a queue trigger invocation of <paramref name="functionName"/> with message text <paramref name="messageText"/>.</summary>
    public static string Queue(string functionName, string bindingName, string messageText, QueueMessageDetails message, DateTimeOffset utcNow, Guid randomGuid)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        ArgumentNullException.ThrowIfNull(messageText);
        ArgumentNullException.ThrowIfNull(message);
        return Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteString(bindingName, EncodeValue(messageText));
            writer.WriteEndObject();

            // Keys in the order the storage extension's binding data produces them; "QueueTrigger" is dropped by the host.
            writer.WriteStartObject("Metadata");
            writer.WriteString("DequeueCount", message.DequeueCount.ToString(CultureInfo.InvariantCulture));
            WriteTime(writer, "ExpirationTime", message.ExpirationTime);
            writer.WriteString("Id", EncodeValue(message.Id));
            WriteTime(writer, "InsertionTime", message.InsertionTime);
            WriteTime(writer, "NextVisibleTime", message.NextVisibleTime);
            writer.WriteString("PopReceipt", EncodeValue(message.PopReceipt));
            WriteSys(writer, functionName, utcNow, randomGuid);
            writer.WriteEndObject();
        });
    }

    /// <summary>
    /// The body for a timer trigger invocation: <c>Data.{binding}</c> is the timer's <c>TimerInfo</c> object
    /// (<c>Schedule</c>, <c>ScheduleStatus</c>, null when unmonitored or on the first run, and <c>IsPastDue</c>); Metadata holds only <c>sys</c>.
    /// </summary>
    public static string Timer(string functionName, string bindingName, TimerScheduleStatus? status, bool isPastDue, DateTimeOffset utcNow, Guid randomGuid)
    {
        ArgumentException.ThrowIfNullOrEmpty(functionName);
        ArgumentException.ThrowIfNullOrEmpty(bindingName);
        return Write(writer =>
        {
            writer.WriteStartObject("Data");
            writer.WriteStartObject(bindingName);
            writer.WriteStartObject("Schedule");
            writer.WriteBoolean("AdjustForDST", true);
            writer.WriteEndObject();
            if (status is null)
            {
                writer.WriteNull("ScheduleStatus");
            }
            else
            {
                writer.WriteStartObject("ScheduleStatus");
                writer.WriteString("Last", IsoWithFraction(status.Last));
                writer.WriteString("Next", IsoWithFraction(status.Next));
                writer.WriteString("LastUpdated", IsoWithFraction(status.LastUpdated));
                writer.WriteEndObject();
            }

            writer.WriteBoolean("IsPastDue", isPastDue);
            writer.WriteEndObject();
            writer.WriteEndObject();

            writer.WriteStartObject("Metadata");
            WriteSys(writer, functionName, utcNow, randomGuid);
            writer.WriteEndObject();
        });
    }

    /// <summary>The host's encoding of a string value: its JSON text (quotes and escapes included).</summary>
    public static string EncodeValue(string value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStringValue(value);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteSys(Utf8JsonWriter writer, string functionName, DateTimeOffset utcNow, Guid randomGuid)
    {
        writer.WriteStartObject("sys");
        writer.WriteString("MethodName", functionName);
        writer.WriteString("UtcNow", utcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("RandGuid", randomGuid.ToString("D"));
        writer.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            // The host re-parses times from their ToString(), which drops fractions of a second.
            writer.WriteString(name, time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string IsoWithFraction(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture);
}
