namespace Outreach.Core.Campaigns;

/// <summary>A campaign with its counts summed over its batches, as staff see it.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Counts">Planned, sent, outcome unknown, suppressed and failed recipients so far.</param>
public sealed record CampaignView(Campaign Campaign, CampaignCounts Counts);
