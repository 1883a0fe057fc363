using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>
/// A leader in the outreach: who they are, where they came from, and where they are in the funnel. Changed only through
/// <see cref="MoveTo"/> (state) or plain property sets (details), and saved through <see cref="ILeaderRepository"/>.
/// </summary>
internal sealed class Leader
{
    public required string District { get; init; }

    public required string LeaderId { get; init; }

    public string Name { get; set; } = "";

    public string Email { get; set; } = "";

    public string NormalizedEmail { get; set; } = "";

    /// <summary>What unsubscribe tokens and opt-outs name the person by (see <c>EmailAddresses.Hash</c>).</summary>
    public string EmailHash { get; set; } = "";

    public string? JobTitle { get; set; }

    public string? Workplace { get; set; }

    public string? Municipality { get; set; }

    public DateOnly? HireDate { get; set; }

    public MembershipStatus Membership { get; set; }

    public LeaderState State { get; set; }

    public int FollowUps { get; set; }

    public string Source { get; set; } = "";

    public string SourceId { get; set; } = "";

    public LawfulBasis LawfulBasis { get; set; }

    public DateTimeOffset DiscoveredAt { get; set; }

    public DateTimeOffset? WelcomedAt { get; set; }

    public DateTimeOffset? LastFollowUpAt { get; set; }

    public DateTimeOffset? JoinedAt { get; set; }

    public bool JoinCreditedToOutreach { get; set; }

    public bool RemovedFromSource { get; set; }

    /// <summary>The stored version this copy was read at (opaque; the repository's optimistic concurrency token).</summary>
    public string? Version { get; set; }

    /// <summary>
    /// Moves the leader to <paramref name="to"/> and returns the event that records it. The reason is checked first, so a
    /// refused change leaves the leader as it was.
    /// </summary>
    /// <exception cref="InvalidFieldException">The actor or reason is empty or too long.</exception>
    public LeaderEvent MoveTo(LeaderState to, string actor, string reason, DateTimeOffset at)
    {
        var change = LeaderEvent.Create(at, State, to, actor, reason);
        State = to;
        return change;
    }

    /// <summary>What staff see.</summary>
    public LeaderView ToView() => new()
    {
        District = District,
        LeaderId = LeaderId,
        Name = Name,
        Email = Email,
        JobTitle = JobTitle,
        Workplace = Workplace,
        Municipality = Municipality,
        HireDate = HireDate,
        Membership = Membership,
        State = State,
        FollowUps = FollowUps,
        Source = Source,
        LawfulBasis = LawfulBasis,
        DiscoveredAt = DiscoveredAt,
        WelcomedAt = WelcomedAt,
        JoinedAt = JoinedAt,
        JoinCreditedToOutreach = JoinCreditedToOutreach,
    };
}
