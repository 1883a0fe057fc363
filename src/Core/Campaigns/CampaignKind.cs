namespace Outreach.Core.Campaigns;

/// <summary>What a campaign is: a staff campaign, or a district's newsletter issue for one month.</summary>
public enum CampaignKind
{
    /// <summary>A staff campaign (municipality meeting, annual meeting, election letter).</summary>
    Campaign = 1,

    /// <summary>The district's newsletter issue of one month.</summary>
    Newsletter = 2,
}
