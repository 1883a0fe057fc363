namespace Outreach.Core.Storage;

/// <summary>
/// A write that Azure Storage would refuse (a key character or length, a property or entity too large, a transaction
/// over 100 actions or across partitions, a queue message over 64 KiB). Refused here, before the request, because
/// Azurite lets some of these through and Azure does not.
/// </summary>
public sealed class StorageLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageLimitException()
        : base("The write exceeds a limit of Azure Storage.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageLimitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
