using Microsoft.Extensions.Time.Testing;

namespace Outreach.Core.Tests.Email;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also reports each timer created on it (a <c>Task.Delay</c> on the provider
/// creates one) with its due time, so a test can wait until the code under test is waiting, and see for how long.
/// </summary>
internal sealed class TimerWatchingTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    private readonly Lock gate = new();
    private readonly List<TimeSpan> dueTimes = [];

    /// <summary>The clock underneath.</summary>
    public FakeTimeProvider Clock => clock;

    public IReadOnlyList<TimeSpan> DueTimes
    {
        get
        {
            lock (gate)
            {
                return [.. dueTimes];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = clock.CreateTimer(callback, state, dueTime, period);
        lock (gate)
        {
            dueTimes.Add(dueTime);
        }

        return timer;
    }

    /// <summary>The due times of the timers <paramref name="which"/> selects, in the order they were created.</summary>
    public IReadOnlyList<TimeSpan> DueTimesWhere(Func<TimeSpan, bool> which) => [.. DueTimes.Where(which)];

    /// <summary>
    /// Waits until at least <paramref name="count"/> timers (of those <paramref name="which"/> selects, or all) were
    /// created, or fails after 20 seconds.
    /// </summary>
    public async Task WaitForTimersAsync(int count, Func<TimeSpan, bool>? which = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DueTimesWhere(which ?? (_ => true)).Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{DueTimesWhere(which ?? (_ => true)).Count} timers were created, expected {count}.");
            await Task.Delay(10);
        }
    }
}
