// What the staff API reads and records: the views and reports of the leader flows.
using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>A leader's place in the outreach funnel.</summary>
public enum LeaderState
{
    /// <summary>Found by discovery; no letter yet.</summary>
    Discovered = 0,

    /// <summary>The welcome letter went out (or the print letter was produced).</summary>
    Welcomed = 1,

    /// <summary>One or more follow-ups went out (see <see cref="LeaderView.FollowUps"/>).</summary>
    FollowedUp = 2,

    /// <summary>Joined the union (membership registry or staff).</summary>
    Joined = 3,

    /// <summary>Said no (recorded by staff).</summary>
    Declined = 4,

    /// <summary>Opted out of outreach letters.</summary>
    OptedOut = 5,

    /// <summary>Mail to the address bounced or was dropped.</summary>
    Undeliverable = 6,
}

/// <summary>Why the district may write to a person (GDPR art. 6).</summary>
public enum LawfulBasis
{
    /// <summary>An existing member relationship.</summary>
    MemberRelationship = 0,

    /// <summary>The person's recorded consent.</summary>
    Consent = 1,

    /// <summary>The district's documented legitimate interest in reaching new leaders.</summary>
    LegitimateInterest = 2,
}

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

/// <summary>One transition in a leader's history: who or what moved them, when, and why.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="From">State before, or null for the first event.</param>
/// <param name="To">State after.</param>
/// <param name="Actor">Who or what: a staff member's name, or a system part such as <c>discovery</c>.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record LeaderEventView(DateTimeOffset At, LeaderState? From, LeaderState To, string Actor, string Reason);

/// <summary>A filter over leaders for the staff list.</summary>
public sealed record LeaderQuery
{
    /// <summary>District code (required).</summary>
    public required string District { get; init; }

    /// <summary>Only this state, or all.</summary>
    public LeaderState? State { get; init; }

    /// <summary>Only this municipality, or all.</summary>
    public string? Municipality { get; init; }

    /// <summary>At most this many (1–1000).</summary>
    public int Limit { get; init; } = 200;
}

/// <summary>A staff decision about one leader.</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id.</param>
/// <param name="Decision">Joined or Declined.</param>
/// <param name="Actor">The staff member recording it.</param>
/// <param name="Reason">Why (free text, shown in the audit).</param>
public sealed record StaffDecision(string District, string LeaderId, LeaderState Decision, string Actor, string Reason);

/// <summary>The conversion funnel of one district: counts per hiring month and municipality.</summary>
/// <param name="District">District code.</param>
/// <param name="Rows">One row per (hiring month, municipality).</param>
public sealed record FunnelReport(string District, IReadOnlyList<FunnelRow> Rows);

/// <summary>Counts for one hiring month and municipality.</summary>
/// <param name="HiringMonth">yyyy-MM of the hire date, or "ukendt".</param>
/// <param name="Municipality">Municipality, or "ukendt".</param>
/// <param name="Discovered">Leaders discovered.</param>
/// <param name="Welcomed">Of those, welcomed.</param>
/// <param name="FollowedUp">Of those, followed up.</param>
/// <param name="Joined">Of those, joined after the welcome (credited).</param>
public sealed record FunnelRow(string HiringMonth, string Municipality, int Discovered, int Welcomed, int FollowedUp, int Joined);

/// <summary>The outcome of a membership import.</summary>
/// <param name="Joined">Leaders moved to Joined.</param>
/// <param name="Credited">Of those, joins credited to the outreach.</param>
/// <param name="Unmatched">Rows that matched no known leader.</param>
/// <param name="Problems">Bad rows by line number.</param>
/// <param name="Rejected">True when an all-or-nothing import was refused.</param>
public sealed record MembershipImportReport(int Joined, int Credited, int Unmatched, IReadOnlyList<SourceProblem> Problems, bool Rejected);
