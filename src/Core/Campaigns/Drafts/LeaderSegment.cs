using Outreach.Core.Discovery;
using Outreach.Core.Leaders;

namespace Outreach.Core.Campaigns;

/// <summary>
/// A segment of the district's leaders; every condition set must hold, an empty or null one matches everything.
/// Erased leaders are never in a segment.
/// </summary>
public sealed record LeaderSegment
{
    /// <summary>Only leaders in one of these municipalities (compared ignoring case).</summary>
    public IReadOnlyList<string>? Municipalities { get; init; }

    /// <summary>Only leaders with one of these membership statuses.</summary>
    public IReadOnlyList<MembershipStatus>? Membership { get; init; }

    /// <summary>Only leaders in one of these conversion states.</summary>
    public IReadOnlyList<LeaderState>? States { get; init; }

    /// <summary>Only leaders hired on or after this date.</summary>
    public DateOnly? HiredFrom { get; init; }

    /// <summary>Only leaders hired on or before this date.</summary>
    public DateOnly? HiredTo { get; init; }
}
