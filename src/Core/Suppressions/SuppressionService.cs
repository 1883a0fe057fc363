using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;

namespace Outreach.Core.Suppressions;

/// <summary>
/// The suppression list for staff: list it, suppress an address by hand, lift a suppression. Welcomes and follow-ups
/// consult the same list at send time (see <c>LetterDispatcher</c>).
/// </summary>
public sealed class SuppressionService
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 1000;

    private readonly ISuppressionList suppressions;

    internal SuppressionService(ISuppressionList suppressions) => this.suppressions = suppressions;

    /// <summary>One page of the list.</summary>
    public Task<SuppressionPage> ListAsync(int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        return suppressions.ListAsync(pageSize, continuation, cancellationToken);
    }

    /// <summary>Suppresses <paramref name="email"/> because of <paramref name="reason"/>, recorded as done by <paramref name="staffMember"/>.</summary>
    /// <exception cref="InvalidFieldException">The address is not one, or the reason is empty or too long; nothing was written.</exception>
    public Task SuppressAsync(string email, string reason, string staffMember, CancellationToken cancellationToken = default)
    {
        if (!EmailAddresses.IsValid(email))
        {
            throw new InvalidFieldException("email", "email is not a plain e-mail address.");
        }

        InvalidFieldException.ThrowIfEmptyOrLongerThan(reason, MaxReasonLength, "reason");
        InvalidFieldException.ThrowIfEmptyOrLongerThan(staffMember, LeaderEvent.MaxActorLength, "staffMember");
        return suppressions.SuppressAsync(email, reason.Trim(), staffMember, cancellationToken);
    }

    /// <summary>Lifts the suppression of <paramref name="email"/>; false when it was not suppressed.</summary>
    public Task<bool> RemoveAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        return suppressions.RemoveAsync(email, cancellationToken);
    }
}
