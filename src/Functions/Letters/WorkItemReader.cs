using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;

namespace Outreach.Functions.Letters;

/// <summary>Decodes the queue messages of the letter and campaign queues, refusing anything that is not a whole work item.</summary>
public static partial class WorkItemReader
{
    /// <summary>
    /// The work item in <paramref name="message"/>, or (after logging why, never the payload) a thrown
    /// <see cref="MalformedWorkItemException"/>, so that the host retries the message and then moves it to poison.
    /// </summary>
    /// <param name="message">The queue message's text.</param>
    /// <param name="typeInfo">The source-generated JSON of the work item.</param>
    /// <param name="queue">The queue's name, for the log and the exception.</param>
    /// <param name="findProblem">What is missing or wrong in a decoded item, or null when it is whole.</param>
    /// <param name="logger">Where the refusal is logged.</param>
    public static T Read<T>(string? message, JsonTypeInfo<T> typeInfo, string queue, Func<T, string?> findProblem, ILogger logger)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(findProblem);
        string reason;
        Exception? cause = null;
        try
        {
            var item = string.IsNullOrWhiteSpace(message) ? null : JsonSerializer.Deserialize(message, typeInfo);
            var problem = item is null ? null : findProblem(item);
            if (item is not null && problem is null)
            {
                return item;
            }

            reason = item is null ? $"the message is empty or JSON null, not a {typeof(T).Name}" : $"the {typeof(T).Name} is incomplete: {problem}";
        }
        catch (JsonException exception)
        {
            cause = exception;
            reason = $"the message is not the JSON of a {typeof(T).Name} ({exception.Path ?? "$"})";
        }

        LogMalformed(logger, queue, reason);
        var text = $"Malformed message on {queue}: {reason}.";
        throw cause is null ? new MalformedWorkItemException(text) : new MalformedWorkItemException(text, cause);
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Error,
        Message = "Refused a malformed message on {Queue}: {Reason}; the host retries it and then moves it to the poison queue")]
    private static partial void LogMalformed(ILogger logger, string queue, string reason);
}
