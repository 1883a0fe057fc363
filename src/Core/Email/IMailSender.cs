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
