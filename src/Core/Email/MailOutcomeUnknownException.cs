namespace Outreach.Core.Email;

/// <summary>The request may have reached the provider but its outcome is not known (timeout, 5xx, connection cut).</summary>
public sealed class MailOutcomeUnknownException : MailSendException
{
    /// <summary>Creates the exception.</summary>
    public MailOutcomeUnknownException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
