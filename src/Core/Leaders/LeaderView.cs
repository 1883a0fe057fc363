using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>A leader as staff see them.</summary>
public sealed record LeaderView
{
    /// <summary>District code.</summary>
    public required string District { get; init; }

    /// <summary>Leader id within the district.</summary>
    public required string LeaderId { get; init; }

    /// <summary>Full name.</summary>
    public required string Name { get; init; }

    /// <summary>E-mail address.</summary>
    public required string Email { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Workplace.</summary>
    public string? Workplace { get; init; }

    /// <summary>Municipality.</summary>
    public string? Municipality { get; init; }

    /// <summary>Hire date.</summary>
    public DateOnly? HireDate { get; init; }

    /// <summary>Membership as last known.</summary>
    public MembershipStatus Membership { get; init; }

    /// <summary>Funnel state.</summary>
    public LeaderState State { get; init; }

    /// <summary>Follow-ups sent so far.</summary>
    public int FollowUps { get; init; }

    /// <summary>Where the record came from (source name).</summary>
    public required string Source { get; init; }

    /// <summary>The basis for writing to the person.</summary>
    public LawfulBasis LawfulBasis { get; init; }

    /// <summary>When discovery first recorded the leader (UTC).</summary>
    public DateTimeOffset DiscoveredAt { get; init; }

    /// <summary>When the welcome went out (UTC), if it has.</summary>
    public DateTimeOffset? WelcomedAt { get; init; }

    /// <summary>When the leader joined (UTC), if they have.</summary>
    public DateTimeOffset? JoinedAt { get; init; }

    /// <summary>True when the join came after our welcome (credited to the outreach).</summary>
    public bool JoinCreditedToOutreach { get; init; }
}
