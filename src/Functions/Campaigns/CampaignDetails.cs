using Outreach.Core.Campaigns;

namespace Outreach.Functions.Campaigns;

/// <summary>The answer to <c>GET /api/staff/campaigns/{id}</c> (and a newsletter issue's): who did what, and the counts so far.</summary>
/// <param name="Id">The id.</param>
/// <param name="Kind"><c>campaign</c> or <c>newsletter</c>.</param>
/// <param name="District">The district.</param>
/// <param name="Name">Staff's name for it.</param>
/// <param name="Month">The newsletter's month, or null.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Category"><c>campaigns</c> or <c>newsletter</c>.</param>
/// <param name="SignedByChair">Whether the chair signs it.</param>
/// <param name="Status">Where it is.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="EditedBy">Everyone who edited it.</param>
/// <param name="ApprovedBy">Who approved the current version, or null.</param>
/// <param name="ApprovedAt">When, or null.</param>
/// <param name="ScheduledAt">When it is to be sent, or null.</param>
/// <param name="SentBy">Who asked for it to be sent, or null.</param>
/// <param name="CancelledBy">Who cancelled it, or null.</param>
/// <param name="CancelledAt">When, or null.</param>
/// <param name="Audience">Who it goes to, as written (the frozen audience is in the counts once sending starts).</param>
/// <param name="Counts">Planned, sent, outcome unknown, suppressed and failed recipients so far.</param>
/// <param name="History">Who did what, oldest first.</param>
public sealed record CampaignDetails(
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
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> EditedBy,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? ScheduledAt,
    string? SentBy,
    string? CancelledBy,
    DateTimeOffset? CancelledAt,
    AudienceView Audience,
    CampaignCounts Counts,
    IReadOnlyList<CampaignEvent> History)
{
    /// <summary>The details of a campaign with its counts.</summary>
    public static CampaignDetails From(CampaignView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var campaign = view.Campaign;
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
            campaign.CreatedAt,
            [.. campaign.EditedBy],
            campaign.ApprovedBy,
            campaign.ApprovedAt,
            campaign.ScheduledAt,
            campaign.SentBy,
            campaign.CancelledBy,
            campaign.CancelledAt,
            AudienceView.From(campaign.Audience),
            view.Counts,
            [.. campaign.History]);
    }
}
