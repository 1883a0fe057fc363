namespace Outreach.Core.Email;

/// <summary>Base type of the mail send failures.</summary>
public abstract class MailSendException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected MailSendException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
