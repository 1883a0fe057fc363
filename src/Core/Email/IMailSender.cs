namespace Outreach.Core.Email;

/// <summary>
/// Sends one rendered mail to one recipient. Implementations: SendGrid (production) and an outbox folder of
/// <c>.eml</c> files (local default). Callers claim a delivery before calling and record the result after it.
/// </summary>
public interface IMailSender
{
    /// <summary>
    /// Sends <paramref name="mail"/>. Returns when the provider has accepted it.
    /// Throws <see cref="MailRejectedException"/> when the provider refused the request (nothing was sent),
    /// <see cref="MailNotSentException"/> when it certainly was not sent but may be tried again later
    /// (rate limit, connection refused), and <see cref="MailOutcomeUnknownException"/> when the request may have
    /// reached the provider but no answer came (timeout, 5xx): such a send must not be repeated blindly.
    /// </summary>
    Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default);
}

/// <summary>An address with an optional display name.</summary>
/// <param name="Email">The address.</param>
/// <param name="Name">The display name, or null.</param>
public sealed record EmailAddress(string Email, string? Name = null);

/// <summary>One mail to one recipient, fully rendered.</summary>
public sealed record OutgoingMail
{
    /// <summary>Sender.</summary>
    public required EmailAddress From { get; init; }

    /// <summary>Reply-To, or null.</summary>
    public EmailAddress? ReplyTo { get; init; }

    /// <summary>The recipient.</summary>
    public required EmailAddress To { get; init; }

    /// <summary>Subject line.</summary>
    public required string Subject { get; init; }

    /// <summary>The text/plain part.</summary>
    public required string TextBody { get; init; }

    /// <summary>The text/html part.</summary>
    public required string HtmlBody { get; init; }

    /// <summary>Our idempotency key for this send, e.g. <c>welcome:{leaderId}</c>; travels in custom args.</summary>
    public required string DeliveryKey { get; init; }

    /// <summary>Provider categories for reporting, e.g. <c>welcome</c>, <c>storkobenhavn</c> (at most 10).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Personal one-click unsubscribe link; produces List-Unsubscribe and List-Unsubscribe-Post (RFC 8058).</summary>
    public Uri? UnsubscribeUrl { get; init; }
}

/// <summary>What the provider said when it accepted a mail.</summary>
/// <param name="ProviderMessageId">
/// SendGrid's X-Message-Id, or the outbox file's Message-ID without angle brackets (its local part is the file name
/// without <c>.eml</c>); null when the provider gave none (sandbox).
/// </param>
public sealed record MailSendResult(string? ProviderMessageId);

/// <summary>Base type of the mail send failures.</summary>
public abstract class MailSendException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected MailSendException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The provider refused the request (4xx other than 429): nothing was sent; retrying the same request will not help.</summary>
public sealed class MailRejectedException : MailSendException
{
    /// <summary>Creates the exception with the provider's status and error messages.</summary>
    public MailRejectedException(int status, IReadOnlyList<string> errors, Exception? innerException = null)
        : base($"The mail provider rejected the request ({status}): {string.Join("; ", errors)}", innerException)
    {
        Status = status;
        Errors = errors;
    }

    /// <summary>HTTP status.</summary>
    public int Status { get; }

    /// <summary>The provider's error messages (each with its field where given).</summary>
    public IReadOnlyList<string> Errors { get; }
}

/// <summary>The mail was certainly not sent (rate limited, connection refused) and may be tried again later.</summary>
public sealed class MailNotSentException : MailSendException
{
    /// <summary>Creates the exception.</summary>
    public MailNotSentException(string message, TimeSpan? retryAfter = null, Exception? innerException = null)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>When the provider said to come back, if it did.</summary>
    public TimeSpan? RetryAfter { get; }
}

/// <summary>The request may have reached the provider but its outcome is not known (timeout, 5xx, connection cut).</summary>
public sealed class MailOutcomeUnknownException : MailSendException
{
    /// <summary>Creates the exception.</summary>
    public MailOutcomeUnknownException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
