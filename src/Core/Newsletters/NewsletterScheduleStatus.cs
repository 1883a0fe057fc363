namespace Outreach.Core.Newsletters;

/// <summary>A district's newsletter schedule as staff see it: when the next issue goes out, which one, and what the last run did.</summary>
/// <param name="District">The district.</param>
/// <param name="Schedule">The NCRONTAB expression (Europe/Copenhagen), or null when the district has none.</param>
/// <param name="NextAt">The next occurrence (UTC), or null.</param>
/// <param name="NextMonth">The month (<c>yyyy-MM</c>) whose issue the next occurrence sends, or null.</param>
/// <param name="NextIssueId">The id of that issue (<c>newsletter-{district}-{month}</c>), or null.</param>
/// <param name="NextIssueStatus">Where that issue is (<c>missing</c>, <c>Draft</c>, <c>Approved</c>, ...), or null.</param>
/// <param name="LastRun">What the last occurrence did, or null.</param>
public sealed record NewsletterScheduleStatus(
    string District,
    string? Schedule,
    DateTimeOffset? NextAt,
    string? NextMonth,
    string? NextIssueId,
    string? NextIssueStatus,
    NewsletterRun? LastRun);
