namespace Outreach.Core.Newsletters;

/// <summary>What a district's newsletter schedule did when it came due.</summary>
/// <param name="District">The district.</param>
/// <param name="Month">The month (<c>yyyy-MM</c>) of the occurrence in Copenhagen time.</param>
/// <param name="DueAt">The occurrence (UTC).</param>
/// <param name="CampaignId">The issue that was started, or null when none was.</param>
/// <param name="Outcome">What happened, for staff: started, or why nothing was sent (no issue, not approved, already sent).</param>
public sealed record NewsletterRun(string District, string Month, DateTimeOffset DueAt, string? CampaignId, string Outcome);
