using System.Globalization;
using System.Text.Json;

namespace Outreach.DevHost.AppModel;

/// <summary>The queue trigger's host.json settings (<c>extensions.queues</c>), with the storage extension's defaults.</summary>
public sealed record QueueSettings
{
    /// <summary>Messages fetched per receive (default 16, at most 32).</summary>
    public int BatchSize { get; init; } = 16;

    /// <summary>A new batch is fetched when this few messages are still in flight (default batchSize / 2).</summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>Failures after which a message moves to <c>{queue}-poison</c> (default 5).</summary>
    public int MaxDequeueCount { get; init; } = 5;

    /// <summary>How long a failed message stays invisible before it is retried (default 0).</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>The longest wait between polls of an empty queue (default 1 minute).</summary>
    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>True for base64 messages (the default), false for <c>none</c>.</summary>
    public bool Base64Messages { get; init; } = true;

    internal static QueueSettings Parse(JsonElement queues, string file)
    {
        int Number(string name, int fallback, int minimum, int maximum)
        {
            var text = JsonProperties.Text(queues, name);
            if (text is null)
            {
                return fallback;
            }

            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
                ? value
                : throw new InvalidDataException($"{file}: extensions.queues.{name} '{text}' must be a whole number from {minimum} to {maximum}.");
        }

        var batchSize = Number("batchSize", 16, 1, 32);
        var encoding = JsonProperties.Text(queues, "messageEncoding") ?? "base64";
        if (!string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase) && !string.Equals(encoding, "none", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidDataException($"{file}: extensions.queues.messageEncoding '{encoding}' must be base64 or none.");
        }

        var polling = JsonProperties.Duration(queues, "maxPollingInterval", file) ?? TimeSpan.FromMinutes(1);
        return new QueueSettings
        {
            BatchSize = batchSize,
            NewBatchThreshold = Number("newBatchThreshold", batchSize / 2, 0, 1000),
            MaxDequeueCount = Number("maxDequeueCount", 5, 1, 1000),
            VisibilityTimeout = JsonProperties.Duration(queues, "visibilityTimeout", file) ?? TimeSpan.Zero,
            MaxPollingInterval = polling < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : polling,
            Base64Messages = string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase),
        };
    }
}
