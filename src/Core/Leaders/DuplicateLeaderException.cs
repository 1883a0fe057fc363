namespace Outreach.Core.Leaders;

/// <summary>The leader is stored already (a concurrent run or import stored the same person first).</summary>
public sealed class DuplicateLeaderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DuplicateLeaderException()
        : base("The leader is stored already.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public DuplicateLeaderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DuplicateLeaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
