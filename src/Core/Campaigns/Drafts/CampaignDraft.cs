using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Campaigns;

/// <summary>What staff send to create or edit a campaign; checked by <see cref="CampaignService"/>.</summary>
public sealed record CampaignDraft
{
    /// <summary>The district code.</summary>
    public required string District { get; init; }

    /// <summary>Staff's name for it.</summary>
    public required string Name { get; init; }

    /// <summary>The opt-out category: <see cref="OptOutCategory.Campaigns"/> (default) or <see cref="OptOutCategory.Newsletter"/>.</summary>
    public OptOutCategory Category { get; init; } = OptOutCategory.Campaigns;

    /// <summary>Subject and body (Markdown or a named template) and whether the chair signs it.</summary>
    public required CampaignContent Content { get; init; }

    /// <summary>Who it goes to.</summary>
    public required CampaignAudience Audience { get; init; }
}
