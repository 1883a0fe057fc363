namespace Outreach.Core.Email;

/// <summary>The mail was certainly not sent (rate limited, connection refused) and may be tried again later.</summary>
public sealed class MailNotSentException : MailSendException
{
    /// <summary>Creates the exception.</summary>
    public MailNotSentException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>When the provider said to come back, if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}
