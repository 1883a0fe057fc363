namespace Outreach.Functions.Letters;

/// <summary>
/// A letter queue message that can never be processed. Throwing it fails the invocation, so the host retries the message
/// and moves it to <c>&lt;queue&gt;-poison</c> after <c>maxDequeueCount</c>; its message says why and never quotes the payload.
/// </summary>
public sealed class MalformedWorkItemException : Exception
{
    /// <summary>Creates the exception with the reason.</summary>
    public MalformedWorkItemException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the reason and the parser's error.</summary>
    public MalformedWorkItemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic reason.</summary>
    public MalformedWorkItemException()
        : base("The queue message is not a work item.")
    {
    }
}
