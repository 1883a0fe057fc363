namespace Outreach.Core.CampaignSending;

/// <summary>Queue item (<c>campaign-plans</c>): freeze the audience of one campaign into batches.</summary>
/// <param name="CampaignId">The campaign.</param>
public sealed record CampaignPlanWorkItem(string CampaignId);
