namespace Outreach.Core.Letters;

/// <summary>Addresses that must not be mailed (bounces, drops, spam reports), kept by a hash of the normalised address.</summary>
internal interface ISuppressionList
{
    /// <summary>Why the address is suppressed, or null when it may be mailed.</summary>
    Task<string?> ReasonAsync(string email, CancellationToken cancellationToken);

    /// <summary>Suppresses the address.</summary>
    Task SuppressAsync(string email, string reason, CancellationToken cancellationToken);
}
