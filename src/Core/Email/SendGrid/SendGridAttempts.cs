namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// What the requests of one send did, recorded by <see cref="SendGridAttemptHandler"/> below the resilience pipeline:
/// how many left, and whether every one so far provably did not reach SendGrid (no connection, or a 429). The sender
/// needs this when it is cancelled: stopped during a rate-limit wait, the mail is certainly not sent; stopped while a
/// request was under way, it may have been. The record flows to the handler through an <see cref="AsyncLocal{T}"/>,
/// because the SendGrid package builds the request message itself.
/// </summary>
internal sealed class SendGridAttempts
{
    private static readonly AsyncLocal<SendGridAttempts?> CurrentSend = new();

    private int count;
    private int underWay;
    private int maybeTaken;

    /// <summary>The record of the send in this asynchronous flow, or null outside a send.</summary>
    public static SendGridAttempts? Current => CurrentSend.Value;

    /// <summary>How many requests left so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>True when no request is under way and none so far could have reached SendGrid.</summary>
    public bool NoneTaken => Volatile.Read(ref underWay) == 0 && Volatile.Read(ref maybeTaken) == 0;

    /// <summary>Starts the record for a send in the calling asynchronous flow.</summary>
    public static SendGridAttempts Begin()
    {
        var attempts = new SendGridAttempts();
        CurrentSend.Value = attempts;
        return attempts;
    }

    /// <summary>A request is leaving.</summary>
    public void Started()
    {
        Interlocked.Increment(ref count);
        Interlocked.Increment(ref underWay);
    }

    /// <summary>A request ended; <paramref name="provablyNotTaken"/> when it never reached SendGrid or was answered 429.</summary>
    public void Finished(bool provablyNotTaken)
    {
        if (!provablyNotTaken)
        {
            Interlocked.Exchange(ref maybeTaken, 1);
        }

        Interlocked.Decrement(ref underWay);
    }
}
