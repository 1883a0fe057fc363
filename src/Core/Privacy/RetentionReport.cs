namespace Outreach.Core.Privacy;

/// <summary>What a retention sweep did, in counts only.</summary>
/// <param name="Cutoff">Activity before this was old enough.</param>
/// <param name="People">Addresses erased.</param>
/// <param name="Counts">Rows removed per table.</param>
public sealed record RetentionReport(DateTimeOffset Cutoff, int People, ErasureCounts Counts);
