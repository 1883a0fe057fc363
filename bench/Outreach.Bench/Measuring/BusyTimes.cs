using System.Collections.Concurrent;
using System.Diagnostics;

namespace Outreach.Bench.Measuring;

/// <summary>
/// Where the time goes: per phase (the <see cref="StorageRequestCounter.Phase"/> of the calling flow) and per kind of
/// work (table reads, table writes, queue requests, SendGrid requests, rendering), how many calls and their summed
/// duration. Calls overlap (many batches run at once), so the sums are busy time, not wall time.
/// </summary>
internal sealed class BusyTimes
{
    private readonly ConcurrentDictionary<(string Phase, string Kind), Entry> entries = new();

    public static long Now() => Stopwatch.GetTimestamp();

    public void Add(string kind, long startedAt)
    {
        var entry = entries.GetOrAdd((StorageRequestCounter.Phase ?? "other", kind), _ => new Entry());
        Interlocked.Increment(ref entry.Calls);
        Interlocked.Add(ref entry.Ticks, Stopwatch.GetTimestamp() - startedAt);
    }

    public IReadOnlyDictionary<(string Phase, string Kind), (long Calls, double Milliseconds)> Snapshot() =>
        entries.ToDictionary(pair => pair.Key, pair => (Interlocked.Read(ref pair.Value.Calls), Interlocked.Read(ref pair.Value.Ticks) * 1000d / Stopwatch.Frequency));

    private sealed class Entry
    {
#pragma warning disable CA1051 // Fields, so Interlocked can take them by reference.
        public long Calls;
        public long Ticks;
#pragma warning restore CA1051
    }
}
