namespace Outreach.Core.Newsletters;

/// <summary>
/// What a district's schedule remembers between timer runs, stored as JSON under the cursor key
/// <c>newsletter-schedule:{district}</c>: the instant up to which occurrences are handled, and the last run for staff.
/// </summary>
/// <param name="Cursor">Occurrences up to and including this instant (UTC) are handled.</param>
/// <param name="LastRun">What the last occurrence did, or null before the first.</param>
internal sealed record NewsletterScheduleState(DateTimeOffset Cursor, NewsletterRun? LastRun);
