namespace Outreach.Functions.Suppressions;

/// <summary>The body of <c>POST /api/staff/suppressions</c>.</summary>
/// <param name="Email">The address never to mail.</param>
/// <param name="Reason">Why (kept with the entry).</param>
public sealed record AddSuppressionRequest(string? Email, string? Reason);
