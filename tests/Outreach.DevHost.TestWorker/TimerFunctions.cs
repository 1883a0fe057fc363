using System.Globalization;
using Microsoft.Azure.Functions.Worker;

namespace Outreach.DevHost.TestWorker;

/// <summary>A timer that never comes due by itself but runs at start, and tells the test on a queue.</summary>
public static class TimerFunctions
{
    /// <summary>Writes whether it was past due and whether it had a schedule status.</summary>
    [Function("Tick")]
    [QueueOutput("%TickQueue%")]
    public static string Tick([TimerTrigger("%TickSchedule%", RunOnStartup = true)] TimerInfo timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return string.Create(CultureInfo.InvariantCulture, $"tick pastDue={timer.IsPastDue} status={timer.ScheduleStatus is not null}");
    }
}
