using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Invocations;

namespace Outreach.DevHost.Timers;

/// <summary>
/// Plays the timer trigger for one function: fires at each occurrence of its NCRONTAB schedule (UTC),
/// once at start when <c>runOnStartup</c> is set (or DevHost was asked to run every timer at start), never two runs of one
/// timer at once, and no retry of a failed run. With <c>useMonitor</c> (the default) the last and next occurrence are saved
/// (<see cref="TimerStatusStore"/>) and sent as <c>ScheduleStatus</c> (null on the very first run); an occurrence missed while
/// DevHost was not running, or while the previous run lasted, fires at once with <c>IsPastDue: true</c>.
/// </summary>
public sealed partial class TimerTriggerScheduler
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);
    private readonly FunctionDefinition function;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly bool useMonitor;
    private readonly TimerStatusStore? statusStore;
    private TimerScheduleStatus? status;

    /// <summary>Creates the scheduler for <paramref name="function"/> with its resolved <paramref name="schedule"/>.</summary>
    public TimerTriggerScheduler(
        FunctionDefinition function,
        TimerSchedule schedule,
        bool runOnStartup,
        FunctionInvoker invoker,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        TimerStatusStore? statusStore = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.function = function;
        Schedule = schedule;
        RunOnStartup = runOnStartup;
        this.invoker = invoker;
        this.time = time;
        useMonitor = function.Trigger.Flag("useMonitor", true);
        this.statusStore = useMonitor ? statusStore : null;
        logger = loggerFactory.CreateLogger("Host.Timers");
    }

    /// <summary>The schedule.</summary>
    public TimerSchedule Schedule { get; }

    /// <summary>True when the timer fires once at start.</summary>
    public bool RunOnStartup { get; }

    /// <summary>The function.</summary>
    public string FunctionName => function.Name;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> is cancelled; a run in progress is cancelled only by <paramref name="abortToken"/>
    /// (a stopping host lets it finish within a grace period).
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, CancellationToken abortToken)
    {
        try
        {
            if (statusStore is not null)
            {
                status = await statusStore.LoadAsync(function.Name, cancellationToken).ConfigureAwait(false);
            }

            // The host's start: one run when runOnStartup is set or the saved next occurrence has passed (then past due).
            var pastDue = status is { } saved && saved.Next < time.GetUtcNow();
            if (RunOnStartup || pastDue)
            {
                await FireAsync(pastDue ? "Timer is past due" : "Timer fired at start-up", abortToken, pastDue ? status!.Next : null, pastDue).ConfigureAwait(false);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                var now = time.GetUtcNow();
                if (status is { } previous && previous.Next < now - TimeSpan.FromSeconds(1))
                {
                    // The last run lasted past the next occurrence: run the missed one now, marked past due, as the host does.
                    await FireAsync("Timer is past due", abortToken, previous.Next, isPastDue: true).ConfigureAwait(false);
                    continue;
                }

                var next = Schedule.NextAfter(now);
                LogNext(logger, function.Name, next);

                // In steps of at most a day (a timer cannot wait longer than about 49 days), and never fire before the
                // occurrence: a delay may wake a tick early on a coarse clock.
                while (time.GetUtcNow() < next)
                {
                    var remaining = next - time.GetUtcNow();
                    await Task.Delay(remaining < LongestWait ? remaining : LongestWait, time, cancellationToken).ConfigureAwait(false);
                }

                await FireAsync("Timer fired at " + next.ToString("O", System.Globalization.CultureInfo.InvariantCulture), abortToken, next).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || abortToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>One invocation now; <paramref name="occurrence"/> is the schedule's occurrence this run stands for, if any.</summary>
    internal async Task<InvocationRecord> FireAsync(string reason, CancellationToken cancellationToken, DateTimeOffset? occurrence = null, bool isPastDue = false)
    {
        var now = time.GetUtcNow();
        var request = TriggerData.NewInvocation(function, now);
        TriggerData.AddTimer(request, function, useMonitor ? status : null, isPastDue);
        var record = await invoker.InvokeAsync(function, request, reason, cancellationToken).ConfigureAwait(false);
        // Monitored or not, the next run is computed from this one; only the payload differs. A past-due run stands for its
        // occurrence, but the next one is counted from now, so that a long outage gives one catch-up run, not many.
        var last = occurrence ?? now;
        status = new TimerScheduleStatus(last, Schedule.NextAfter(isPastDue ? now : last), time.GetUtcNow());
        if (statusStore is not null)
        {
            await statusStore.SaveAsync(function.Name, status, CancellationToken.None).ConfigureAwait(false);
        }

        return record;
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Next occurrence of {FunctionName}: {Next:O}")]
    private static partial void LogNext(ILogger logger, string functionName, DateTimeOffset next);
}
