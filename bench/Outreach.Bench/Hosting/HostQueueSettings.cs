using System.Globalization;
using System.Text.Json.Nodes;

namespace Outreach.Bench.Hosting;

/// <summary>
/// The queue trigger's settings of the repository's host.json (<c>extensions.queues</c>), with the Functions defaults
/// where it is silent: the host takes <see cref="BatchSize"/> messages and fetches more when fewer than
/// <see cref="NewBatchThreshold"/> are still running, so up to <see cref="MaxInFlight"/> run at once per instance.
/// </summary>
internal sealed record HostQueueSettings(int BatchSize, int NewBatchThreshold, TimeSpan MaxPollingInterval, TimeSpan VisibilityTimeout, int MaxDequeueCount)
{
    public int MaxInFlight => BatchSize + NewBatchThreshold;

    public static HostQueueSettings Read()
    {
        var path = Path.Combine(RepositoryRoot.Path, "host.json");
        var queues = JsonNode.Parse(File.ReadAllText(path))?["extensions"]?["queues"];
        var batchSize = (int?)queues?["batchSize"] ?? 16;
        return new HostQueueSettings(
            batchSize,
            (int?)queues?["newBatchThreshold"] ?? batchSize / 2,
            Span((string?)queues?["maxPollingInterval"], TimeSpan.FromMinutes(1)),
            Span((string?)queues?["visibilityTimeout"], TimeSpan.Zero),
            (int?)queues?["maxDequeueCount"] ?? 5);
    }

    private static TimeSpan Span(string? value, TimeSpan fallback) =>
        value is null ? fallback : TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
