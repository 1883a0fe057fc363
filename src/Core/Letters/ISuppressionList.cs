using Outreach.Core.Suppressions;

namespace Outreach.Core.Letters;

/// <summary>Addresses that must not be mailed (bounces, drops, staff entries), kept by a hash of the normalised address.</summary>
internal interface ISuppressionList
{
    /// <summary>Why the address is suppressed, or null when it may be mailed.</summary>
    Task<string?> ReasonAsync(string email, CancellationToken cancellationToken);

    /// <summary>Suppresses the address (again: the newest reason wins).</summary>
    /// <param name="email">The address.</param>
    /// <param name="reason">Why, without personal data.</param>
    /// <param name="source">Who or what suppressed it: <c>sendgrid</c>, or the staff member's name.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SuppressAsync(string email, string reason, string source, CancellationToken cancellationToken);

    /// <summary>One page of entries, in key order; <paramref name="continuation"/> is the previous page's.</summary>
    Task<SuppressionPage> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken);

    /// <summary>Lifts the suppression; false when the address was not suppressed.</summary>
    Task<bool> RemoveAsync(string email, CancellationToken cancellationToken);

    /// <summary>The plain entry of the address (with the address), or null; erased entries are not returned.</summary>
    Task<SuppressionEntry?> GetAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Suppresses an erased address for good, keeping only its keyed hash with reason <c>erased</c> (no address, no plain
    /// hash); <see cref="ReasonAsync"/> still finds it.
    /// </summary>
    Task SuppressErasedAsync(string email, string source, CancellationToken cancellationToken);
}
