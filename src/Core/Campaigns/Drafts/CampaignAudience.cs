namespace Outreach.Core.Campaigns;

/// <summary>
/// Who a campaign goes to: a segment of the district's leaders, and/or uploaded recipient lists (people who are not
/// leaders, e.g. election candidates). At least one is set. The audience is frozen when sending starts; an address
/// that appears more than once (after normalisation) gets one mail.
/// </summary>
public sealed record CampaignAudience
{
    /// <summary>The leaders to include, or null for none.</summary>
    public LeaderSegment? Segment { get; init; }

    /// <summary>Uploaded recipient lists to include.</summary>
    public IReadOnlyList<string> ListIds { get; init; } = [];
}
