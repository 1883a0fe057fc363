namespace Outreach.Core.Privacy;

/// <summary>One erasure or retention sweep as recorded: when, who, how many rows; never whose.</summary>
/// <param name="Kind"><c>erasure</c> (on request) or <c>retention</c> (the monthly sweep).</param>
/// <param name="At">When it happened.</param>
/// <param name="Actor">The staff member, or <c>retention</c>.</param>
/// <param name="People">How many addresses were erased.</param>
/// <param name="Counts">Rows removed per table.</param>
public sealed record PrivacyAuditEntry(string Kind, DateTimeOffset At, string Actor, int People, ErasureCounts Counts);
