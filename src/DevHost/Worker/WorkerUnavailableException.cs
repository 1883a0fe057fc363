namespace Outreach.DevHost.Worker;

/// <summary>The worker is not connected (it exited, or is being restarted): the invocation did not reach it.</summary>
public sealed class WorkerUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkerUnavailableException()
        : this("The worker is not running.")
    {
    }

    /// <summary>Creates the exception with a reason.</summary>
    public WorkerUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a reason and its cause.</summary>
    public WorkerUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
