namespace Outreach.Testing;

/// <summary>Waits for a condition with a deadline (no fixed sleeps): polls every 100 ms.</summary>
public static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan deadline, string what)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await probe();
            if (condition(value))
            {
                return value;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > deadline)
            {
                throw new TimeoutException($"Not within {deadline.TotalSeconds:0} s: {what} (last value: {value}).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task<T> UntilAsync<T>(Func<T> probe, Func<T, bool> condition, TimeSpan deadline, string what) =>
        UntilAsync(() => Task.FromResult(probe()), condition, deadline, what);
}
