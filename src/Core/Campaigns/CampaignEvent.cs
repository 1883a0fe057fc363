namespace Outreach.Core.Campaigns;

/// <summary>One step in a campaign's history: who did what, and when (created, edited, approved, sent, cancelled, ...).</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">The staff member's name, or <c>system</c> (the scheduler).</param>
/// <param name="Action">What happened, e.g. <c>created</c>, <c>edited</c>, <c>approved</c>, <c>approval-withdrawn</c>, <c>send-requested</c>, <c>scheduled</c>, <c>planned</c>, <c>sent</c>, <c>cancelled</c>, <c>test-sent</c>.</param>
/// <param name="Detail">A short explanation without personal data, or null.</param>
public sealed record CampaignEvent(DateTimeOffset At, string Actor, string Action, string? Detail = null);
