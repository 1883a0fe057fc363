using Outreach.Core.Campaigns;

namespace Outreach.Functions.Campaigns;

/// <summary>Who a campaign goes to, as staff wrote it (so the second pair of eyes sees the audience it approves).</summary>
/// <param name="Segment">The leaders included, or null for none.</param>
/// <param name="ListIds">The uploaded lists included.</param>
public sealed record AudienceView(SegmentView? Segment, IReadOnlyList<string> ListIds)
{
    /// <summary>The view of <paramref name="audience"/>.</summary>
    public static AudienceView From(CampaignAudience audience)
    {
        ArgumentNullException.ThrowIfNull(audience);
        return new(
            audience.Segment is { } segment
                ? new SegmentView(segment.Municipalities, segment.Membership?.Select(CampaignNames.Membership).ToList(), segment.States, segment.HiredFrom, segment.HiredTo)
                : null,
            audience.ListIds);
    }
}
