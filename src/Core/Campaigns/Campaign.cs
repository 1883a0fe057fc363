using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Campaigns;

/// <summary>
/// A campaign or a newsletter issue: what it says, to whom, and how far it got. The state rules (four eyes, approval
/// before sending, editing withdraws approval) live here, so every caller obeys them; each change appends to
/// <see cref="History"/>. Stored with optimistic concurrency (<see cref="Version"/>).
/// </summary>
public sealed class Campaign
{
    /// <summary>The longest name, subject or title accepted.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Stable id: <c>c-…</c> for campaigns, <c>newsletter-{district}-{yyyy-MM}</c> for newsletter issues.</summary>
    public required string Id { get; init; }

    /// <summary>Campaign or newsletter issue.</summary>
    public required CampaignKind Kind { get; init; }

    /// <summary>The district that sends it (sender, chair, layout, send window).</summary>
    public required string District { get; init; }

    /// <summary>Staff's name for it (not shown to recipients).</summary>
    public required string Name { get; set; }

    /// <summary>The newsletter's month (<c>yyyy-MM</c>), or null for a campaign.</summary>
    public string? Month { get; init; }

    /// <summary>The opt-out category the mail belongs to: <see cref="OptOutCategory.Newsletter"/> or <see cref="OptOutCategory.Campaigns"/>.</summary>
    public required OptOutCategory Category { get; set; }

    /// <summary>What it says.</summary>
    public required CampaignContent Content { get; set; }

    /// <summary>Who it goes to.</summary>
    public required CampaignAudience Audience { get; set; }

    /// <summary>Where it is.</summary>
    public CampaignStatus Status { get; set; }

    /// <summary>Who created it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was created (UTC).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Everyone who edited it (with the creator, its authors: none of them may approve a chair-signed letter).</summary>
    public IList<string> EditedBy { get; init; } = new List<string>();

    /// <summary>Who approved the current version, or null.</summary>
    public string? ApprovedBy { get; set; }

    /// <summary>When the current version was approved, or null.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>When it is to be sent (UTC), or null to send at once.</summary>
    public DateTimeOffset? ScheduledAt { get; set; }

    /// <summary>Who asked for it to be sent, or null.</summary>
    public string? SentBy { get; set; }

    /// <summary>When planning froze the audience (sending started), or null.</summary>
    public DateTimeOffset? SendingStartedAt { get; set; }

    /// <summary>When every batch had an outcome, or null.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Who cancelled it, or null.</summary>
    public string? CancelledBy { get; set; }

    /// <summary>When it was cancelled, or null.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Recipients in the frozen audience, and those left out at planning (suppressed or opted out).</summary>
    public CampaignCounts PlanningCounts { get; set; } = CampaignCounts.None;

    /// <summary>How many batches planning made.</summary>
    public int BatchCount { get; set; }

    /// <summary>Who did what, oldest first.</summary>
    public IList<CampaignEvent> History { get; init; } = new List<CampaignEvent>();

    /// <summary>The stored version this copy was read at (opaque), or null for a new campaign.</summary>
    public string? Version { get; set; }
}
