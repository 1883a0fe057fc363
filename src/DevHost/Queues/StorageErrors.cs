using Azure;

namespace Outreach.DevHost.Queues;

/// <summary>Storage failures in one short line, for a log line or a start-up message (never the SDK's multi-line text).</summary>
public static class StorageErrors
{
    /// <summary>The status and error code of a storage answer, or the innermost cause of a connection failure.</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            RequestFailedException { Status: > 0 } failed => $"{failed.Status} {failed.ErrorCode}",
            AggregateException aggregate => Describe(aggregate.Flatten().InnerExceptions[^1]),
            _ when exception.InnerException is { } inner => Describe(inner),
            _ => exception.Message,
        };
    }
}
