using Outreach.Core.Campaigns;

namespace Outreach.Functions.Campaigns;

/// <summary>A campaign or newsletter issue in a list, and the answer to create, edit, approve, send and cancel.</summary>
/// <param name="Id">The id (<c>c-…</c>, or <c>newsletter-{district}-{yyyy-MM}</c>).</param>
/// <param name="Kind"><c>campaign</c> or <c>newsletter</c>.</param>
/// <param name="District">The district.</param>
/// <param name="Name">Staff's name for it.</param>
/// <param name="Month">The newsletter's month, or null.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Category"><c>campaigns</c> or <c>newsletter</c>.</param>
/// <param name="SignedByChair">Whether the chair signs it.</param>
/// <param name="Status">Where it is (<c>Draft</c>, <c>Approved</c>, <c>Scheduled</c>, <c>Planning</c>, <c>Sending</c>, <c>Sent</c>, <c>Cancelled</c>).</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="ApprovedBy">Who approved the current version, or null.</param>
/// <param name="ScheduledAt">When it is to be sent, or null.</param>
public sealed record CampaignSummary(
    string Id,
    string Kind,
    string District,
    string Name,
    string? Month,
    string Subject,
    string Category,
    bool SignedByChair,
    CampaignStatus Status,
    string CreatedBy,
    string? ApprovedBy,
    DateTimeOffset? ScheduledAt)
{
    /// <summary>The summary of <paramref name="campaign"/>.</summary>
    public static CampaignSummary From(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return new(
            campaign.Id,
            CampaignNames.Kind(campaign.Kind),
            campaign.District,
            campaign.Name,
            campaign.Month,
            campaign.Content.Subject,
            CampaignNames.Category(campaign.Category),
            campaign.Content.SignedByChair,
            campaign.Status,
            campaign.CreatedBy,
            campaign.ApprovedBy,
            campaign.ScheduledAt);
    }
}
