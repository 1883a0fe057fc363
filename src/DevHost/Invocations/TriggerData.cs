using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.Invocations;

/// <summary>
/// The trigger's part of an <c>InvocationRequest</c>, as the worker reads it (reference: functions-isolated-worker.md):
/// the trigger binding's data and the trigger metadata. The worker refuses <c>TypedData.Int</c>, so numbers and times
/// travel as JSON; a parameter of an SDK type (<c>QueueMessage</c>) gets <c>ModelBindingData</c>.
/// </summary>
public static class TriggerData
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A new invocation of <paramref name="function"/> with the <c>sys</c> metadata every trigger carries.</summary>
    public static InvocationRequest NewInvocation(FunctionDefinition function, DateTimeOffset utcNow)
    {
        ArgumentNullException.ThrowIfNull(function);
        // The worker reads both contexts unconditionally; a fresh W3C trace per invocation, as the host starts one.
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString("D"),
            FunctionId = function.FunctionId,
            TraceContext = new RpcTraceContext
            {
                TraceParent = $"00-{ActivityTraceId.CreateRandom().ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01",
                TraceState = "",
            },
            RetryContext = new RetryContext(),
        };
        request.TriggerMetadata["sys"] = Json(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("MethodName", function.Name);
            writer.WriteString("UtcNow", utcNow.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("RandGuid", Guid.NewGuid().ToString("D"));
            writer.WriteEndObject();
        });
        return request;
    }

    /// <summary>Adds a queue message: the text (or, for an SDK-type parameter, the message as model binding data) and its metadata.</summary>
    public static void AddQueueMessage(InvocationRequest request, FunctionDefinition function, QueueMessage message, string text)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(message);
        var data = function.Trigger.SupportsDeferredBinding
            ? new TypedData
            {
                ModelBindingData = new ModelBindingData
                {
                    Version = "1.0",
                    Source = "AzureStorageQueues",
                    ContentType = "application/json",
                    Content = ByteString.CopyFromUtf8(QueueMessageJson(message, text)),
                },
            }
            : new TypedData { String = text };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = data });

        // The storage extension's binding data: what a parameter named like a key (string id, string dequeueCount) receives.
        var metadata = request.TriggerMetadata;
        metadata["QueueTrigger"] = new TypedData { String = text };
        metadata["DequeueCount"] = JsonValue(message.DequeueCount.ToString(CultureInfo.InvariantCulture));
        metadata["Id"] = new TypedData { String = message.MessageId };
        metadata["PopReceipt"] = new TypedData { String = message.PopReceipt };
        AddTime(metadata, "InsertionTime", message.InsertedOn);
        AddTime(metadata, "ExpirationTime", message.ExpiresOn);
        AddTime(metadata, "NextVisibleTime", message.NextVisibleOn);
    }

    /// <summary>Adds the timer's <c>TimerInfo</c>: schedule status (null on a first or unmonitored run) and whether it is past due.</summary>
    public static void AddTimer(InvocationRequest request, FunctionDefinition function, TimerScheduleStatus? status, bool isPastDue)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(function);
        var timer = Json(writer =>
        {
            writer.WriteStartObject();
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
                writer.WriteString("Last", status.Last.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("Next", status.Next.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteString("LastUpdated", status.LastUpdated.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                writer.WriteEndObject();
            }

            writer.WriteBoolean("IsPastDue", isPastDue);
            writer.WriteEndObject();
        });
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = timer });
    }

    /// <summary>
    /// Adds an HTTP request's route values, query and headers to the metadata. The request itself goes to the worker's
    /// HTTP endpoint (ASP.NET Core integration), matched by the invocation id.
    /// </summary>
    public static void AddHttpRequest(InvocationRequest request, IEnumerable<KeyValuePair<string, string?>> routeValues, IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>> headers)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(routeValues);
        foreach (var (name, value) in routeValues)
        {
            if (value is not null)
            {
                request.TriggerMetadata[name] = new TypedData { String = value };
            }
        }

        request.TriggerMetadata["Query"] = JsonObject(query);
        request.TriggerMetadata["Headers"] = JsonObject(headers);
    }

    private static string QueueMessageJson(QueueMessage message, string text)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("MessageId", message.MessageId);
            writer.WriteString("PopReceipt", message.PopReceipt);
            writer.WriteString("MessageText", text);
            writer.WriteNumber("DequeueCount", message.DequeueCount);
            WriteTime(writer, "InsertedOn", message.InsertedOn);
            WriteTime(writer, "ExpiresOn", message.ExpiresOn);
            WriteTime(writer, "NextVisibleOn", message.NextVisibleOn);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.ToUniversalTime());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void AddTime(Google.Protobuf.Collections.MapField<string, TypedData> metadata, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            metadata[name] = JsonString(time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }
    }

    private static TypedData JsonObject(IEnumerable<KeyValuePair<string, string>> values) =>
        Json(writer =>
        {
            writer.WriteStartObject();
            foreach (var (name, value) in values)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        });

    private static TypedData JsonString(string value) => Json(writer => writer.WriteStringValue(value));

    private static TypedData JsonValue(string json) => new() { Json = json };

    private static TypedData Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return new TypedData { Json = Encoding.UTF8.GetString(buffer.WrittenSpan) };
    }
}
