using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Outreach.Bench.Measuring;

/// <summary>
/// An Azure.Core pipeline policy on every storage client of the app (added per retry, so a retried request counts
/// again): counts Table reads, <c>$batch</c> transactions and single writes, and Queue requests, per phase. The phase is
/// an <see cref="AsyncLocal{T}"/> set by whoever calls the app (request, planning, dispatch, baseline, harness), so the
/// breakdown is exact even while planning and dispatch overlap.
/// </summary>
internal sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private static readonly AsyncLocal<string?> CurrentPhase = new();
    private readonly ConcurrentDictionary<string, Counter> phases = new(StringComparer.Ordinal);

    public int TablePort { get; set; }

    /// <summary>Where the request durations are summed, or null.</summary>
    public BusyTimes? Times { get; set; }

    public int QueuePort { get; set; }

    /// <summary>The phase of the current async flow (null: <c>other</c>).</summary>
    public static string? Phase
    {
        get => CurrentPhase.Value;
        set => CurrentPhase.Value = value;
    }

    public StorageCounts Of(string phase) => phases.TryGetValue(phase, out var counter) ? counter.Snapshot() : StorageCounts.Zero;

    public IReadOnlyDictionary<string, StorageCounts> All() =>
        phases.ToDictionary(pair => pair.Key, pair => pair.Value.Snapshot(), StringComparer.Ordinal);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var kind = Count(message);
        var started = BusyTimes.Now();
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Times?.Add(kind, started);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var kind = Count(message);
        var started = BusyTimes.Now();
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Times?.Add(kind, started);
        }
    }

    private string Count(HttpMessage message)
    {
        var counter = phases.GetOrAdd(CurrentPhase.Value ?? "other", _ => new Counter());
        var uri = message.Request.Uri;
        if (uri.Port == TablePort)
        {
            var method = message.Request.Method;
            if (method == RequestMethod.Get || method == RequestMethod.Head)
            {
                Interlocked.Increment(ref counter.TableReads);
                return "tableRead";
            }

            if (uri.Path.EndsWith("/$batch", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref counter.TableBatches);
                return "tableBatch";
            }

            Interlocked.Increment(ref counter.TableSingleWrites);
            return "tableWrite";
        }

        if (uri.Port == QueuePort)
        {
            Interlocked.Increment(ref counter.QueueRequests);
            return "queue";
        }

        return "otherStorage";
    }

    private sealed class Counter
    {
#pragma warning disable CA1051 // Fields, so Interlocked can take them by reference.
        public long TableReads;
        public long TableBatches;
        public long TableSingleWrites;
        public long QueueRequests;
#pragma warning restore CA1051

        public StorageCounts Snapshot() => new(
            Interlocked.Read(ref TableReads),
            Interlocked.Read(ref TableBatches),
            Interlocked.Read(ref TableSingleWrites),
            Interlocked.Read(ref QueueRequests));
    }
}
