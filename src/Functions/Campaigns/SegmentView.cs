using Outreach.Core.Leaders;

namespace Outreach.Functions.Campaigns;

/// <summary>A segment of leaders as the contract writes it (null conditions match everyone).</summary>
/// <param name="Municipalities">Municipalities, or null.</param>
/// <param name="Membership"><c>member</c>, <c>nonmember</c>, <c>unknown</c>, or null.</param>
/// <param name="States">Conversion states, or null.</param>
/// <param name="HiredFrom">Hired on or after, or null.</param>
/// <param name="HiredTo">Hired on or before, or null.</param>
public sealed record SegmentView(
    IReadOnlyList<string>? Municipalities, IReadOnlyList<string>? Membership, IReadOnlyList<LeaderState>? States, DateOnly? HiredFrom, DateOnly? HiredTo);
