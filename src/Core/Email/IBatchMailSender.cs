namespace Outreach.Core.Email;

/// <summary>
/// Sends one letter to up to 1000 recipients in one request: SendGrid personalizations with per-recipient
/// substitutions and headers (production), or one <c>.eml</c> per recipient with the values filled in (outbox).
/// </summary>
public interface IBatchMailSender
{
    /// <summary>
    /// Sends <paramref name="mail"/>. The request is accepted or refused as a whole. Throws like
    /// <see cref="IMailSender.SendAsync"/>: <see cref="MailRejectedException"/> (refused, nothing sent),
    /// <see cref="MailNotSentException"/> (certainly not sent; may be tried later) and
    /// <see cref="MailOutcomeUnknownException"/> (may have been accepted: never resend blindly).
    /// </summary>
    /// <returns>The provider's id of the request (SendGrid's <c>X-Message-Id</c>), or the outbox's batch reference.</returns>
    Task<MailSendResult> SendBatchAsync(BatchMail mail, CancellationToken cancellationToken = default);
}
