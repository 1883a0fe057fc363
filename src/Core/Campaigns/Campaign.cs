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

    /// <summary>
    /// The most characters of Markdown a campaign holds (its body, or a newsletter's intro and sections together): about
    /// 40 printed pages. It keeps the stored campaign well inside Table Storage's 1 MiB entity.
    /// </summary>
    public const int MaxBodyLength = 100_000;

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

    /// <summary>True once sending has started (or ended): the content and audience can no longer change.</summary>
    public bool HasStartedSending => Status is CampaignStatus.Planning or CampaignStatus.Sending or CampaignStatus.Sent;

    /// <summary>Everyone who wrote this version: the creator and every editor.</summary>
    public IEnumerable<string> Authors => EditedBy.Prepend(CreatedBy);

    /// <summary>Replaces what the campaign says and who gets it; an approval (and a schedule) is withdrawn.</summary>
    /// <exception cref="CampaignRuleException"><c>not-editable</c>: sending has started, or it was cancelled.</exception>
    public void Edit(string name, OptOutCategory category, CampaignContent content, CampaignAudience audience, string actor, DateTimeOffset now)
    {
        if (HasStartedSending || Status == CampaignStatus.Cancelled)
        {
            throw new CampaignRuleException("not-editable", $"A campaign that is {Status} cannot be edited.");
        }

        var wasApproved = ApprovedBy is not null;
        Name = name;
        Category = category;
        Content = content;
        Audience = audience;
        if (!EditedBy.Contains(actor, StringComparer.OrdinalIgnoreCase))
        {
            EditedBy.Add(actor);
        }

        Record(now, actor, "edited");
        if (wasApproved || Status != CampaignStatus.Draft)
        {
            // The approval (and a schedule built on it) was for the old version. The editor withdrew it, so the history
            // names them; SentBy goes too, or a later send would look requested by whoever scheduled the old version.
            ApprovedBy = null;
            ApprovedAt = null;
            ScheduledAt = null;
            SentBy = null;
            Status = CampaignStatus.Draft;
            Record(now, actor, "approval-withdrawn", "Edited after approval: it needs a new approval.");
        }
    }

    /// <summary>Approves the current version.</summary>
    /// <exception cref="CampaignRuleException">
    /// <c>four-eyes</c>: signed by the chair and <paramref name="actor"/> wrote it; <c>not-draft</c>: it is not a draft.
    /// </exception>
    public void Approve(string actor, DateTimeOffset now)
    {
        if (Status != CampaignStatus.Draft)
        {
            throw new CampaignRuleException("not-draft", $"Only a draft can be approved; this one is {Status}.");
        }

        if (Content.SignedByChair && Authors.Contains(actor, StringComparer.OrdinalIgnoreCase))
        {
            throw new CampaignRuleException("four-eyes", "A letter signed by the chair must be approved by a staff member who did not write or edit it.");
        }

        Status = CampaignStatus.Approved;
        ApprovedBy = actor;
        ApprovedAt = now;
        Record(now, actor, "approved");
    }

    /// <summary>
    /// Starts sending (<paramref name="at"/> null or not after <paramref name="now"/>: status <see cref="CampaignStatus.Planning"/>,
    /// the caller queues the planning) or schedules it (<see cref="CampaignStatus.Scheduled"/>).
    /// </summary>
    /// <exception cref="CampaignRuleException"><c>approval-required</c>: it is not approved (or already sending, sent or cancelled).</exception>
    public void RequestSend(string actor, DateTimeOffset now, DateTimeOffset? at)
    {
        if (Status is not (CampaignStatus.Approved or CampaignStatus.Scheduled))
        {
            throw new CampaignRuleException("approval-required", $"Only an approved campaign can be sent; this one is {Status}.");
        }

        SentBy = actor;
        if (at is { } when && when > now)
        {
            Status = CampaignStatus.Scheduled;
            ScheduledAt = when;
            Record(now, actor, "scheduled", FormattableString.Invariant($"To be sent at {when:O}."));
            return;
        }

        Status = CampaignStatus.Planning;
        ScheduledAt = null;
        Record(now, actor, "send-requested");
    }

    /// <summary>Starts a scheduled campaign whose time has come (the scheduler's part of <see cref="RequestSend"/>).</summary>
    /// <exception cref="CampaignRuleException"><c>not-scheduled</c>: it is not scheduled.</exception>
    public void StartScheduled(DateTimeOffset now)
    {
        if (Status != CampaignStatus.Scheduled)
        {
            throw new CampaignRuleException("not-scheduled", $"Only a scheduled campaign can be started by the scheduler; this one is {Status}.");
        }

        Status = CampaignStatus.Planning;
        Record(now, "system", "schedule-reached");
    }

    /// <summary>Cancels it: nothing more is sent. Batches already sent stay sent.</summary>
    /// <exception cref="CampaignRuleException"><c>not-cancellable</c>: it is sent or cancelled already.</exception>
    public void Cancel(string actor, DateTimeOffset now)
    {
        if (Status is CampaignStatus.Sent or CampaignStatus.Cancelled)
        {
            throw new CampaignRuleException("not-cancellable", $"A campaign that is {Status} cannot be cancelled.");
        }

        Status = CampaignStatus.Cancelled;
        CancelledBy = actor;
        CancelledAt = now;
        Record(now, actor, "cancelled");
    }

    /// <summary>Appends one step to <see cref="History"/>.</summary>
    public void Record(DateTimeOffset at, string actor, string action, string? detail = null) =>
        History.Add(new CampaignEvent(at, actor, action, detail));
}
