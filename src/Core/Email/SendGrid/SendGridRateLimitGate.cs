using Microsoft.Extensions.Logging;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// The global rate limit that follows SendGrid's answers: once any request is answered 429 with a time to come back
/// (<c>X-RateLimit-Reset</c>, else <c>Retry-After</c>), every request of this process waits until then before it
/// leaves, instead of each of several batches in flight spending its own 429 to learn the same thing. A 429 without a
/// time leaves the gate open: how long to wait is then unknown, and the request that got it backs off on its own. A singleton, consulted by the resilience pipeline before every
/// attempt (<see cref="SendGridResilience"/>); the wait is on the app's <see cref="TimeProvider"/>.
/// <para>
/// The gate is per process: each Functions instance learns only from its own 429s, and several instances may each spend
/// one request to learn that the limit is reached. That is acceptable because a 429 is harmless (SendGrid took nothing,
/// and the request is retried after the reset), the number of instances is small (each learns within one request), and a
/// shared gate would need a storage round trip before every request, a slower and less available path for a rare event.
/// </para>
/// <para>
/// Bounded: a 429 never holds the gate longer than <see cref="MaxHold"/> (a wrong reset header cannot stop sending for
/// good), and a request whose wait would be longer than <see cref="SendGridOptions.MaxRetryDelaySeconds"/> does not wait
/// at all: it is reported as not sent, with the wait as <see cref="MailNotSentException.RetryAfter"/>, so the queue tries
/// it later instead of a worker sleeping.
/// </para>
/// </summary>
public sealed partial class SendGridRateLimitGate
{
    /// <summary>The longest a 429 closes the gate for, whatever its headers say.</summary>
    public static readonly TimeSpan MaxHold = TimeSpan.FromMinutes(5);

    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly ILogger<SendGridRateLimitGate> logger;
    private DateTimeOffset opensAt = DateTimeOffset.MinValue;

    /// <summary>Creates an open gate.</summary>
    public SendGridRateLimitGate(TimeProvider time, ILogger<SendGridRateLimitGate> logger)
    {
        this.time = time;
        this.logger = logger;
    }

    /// <summary>When requests may leave again; in the past while the gate is open.</summary>
    public DateTimeOffset OpensAt
    {
        get
        {
            lock (gate)
            {
                return opensAt;
            }
        }
    }

    /// <summary>
    /// SendGrid answered 429 and asked to wait <paramref name="wait"/>: no request leaves before then (at most
    /// <see cref="MaxHold"/> from now). A later reopening already set is kept.
    /// </summary>
    public void Close(TimeSpan wait)
    {
        var hold = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > MaxHold ? MaxHold : wait;
        var until = time.GetUtcNow() + hold;
        lock (gate)
        {
            if (until <= opensAt)
            {
                return;
            }

            opensAt = until;
        }

        LogClosed(logger, hold.TotalSeconds);
    }

    /// <summary>
    /// Returns when the gate is open; waits while it is closed for at most <paramref name="maxWait"/>, and throws
    /// <see cref="MailNotSentException"/> with the remaining wait at once when it is closed for longer. Cancelling
    /// <paramref name="cancellationToken"/> ends the wait with an <see cref="OperationCanceledException"/> (before any
    /// request left, so the sender reports the mail as not sent).
    /// </summary>
    public async Task WaitAsync(TimeSpan maxWait, CancellationToken cancellationToken)
    {
        // A loop: another 429 may move the reopening while this request waits.
        while (true)
        {
            var remaining = OpensAt - time.GetUtcNow();
            if (remaining <= TimeSpan.Zero)
            {
                return;
            }

            if (remaining > maxWait)
            {
                LogGivingUp(logger, remaining.TotalSeconds);
                throw new MailNotSentException(
                    $"SendGrid's rate limit is spent for another {remaining.TotalSeconds:0} s; nothing was sent.", remaining);
            }

            LogWaiting(logger, remaining.TotalSeconds);
            await Task.Delay(remaining, time, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid rate limited a request; every SendGrid request of this instance waits {DelaySeconds} s")]
    private static partial void LogClosed(ILogger logger, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A SendGrid request waits {DelaySeconds} s for the rate limit to reset")]
    private static partial void LogWaiting(ILogger logger, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid's rate limit resets in {DelaySeconds} s, longer than a request may wait; not sent for now")]
    private static partial void LogGivingUp(ILogger logger, double delaySeconds);
}
