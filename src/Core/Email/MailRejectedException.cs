namespace Outreach.Core.Email;

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
