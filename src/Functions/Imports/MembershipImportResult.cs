namespace Outreach.Functions.Imports;

/// <summary>What a membership import did.</summary>
/// <param name="Joined">Leaders moved to Joined.</param>
/// <param name="Credited">Of those, joins credited to the outreach.</param>
/// <param name="Unmatched">Rows that matched no known leader.</param>
/// <param name="Problems">Rows that could not be used.</param>
public sealed record MembershipImportResult(int Joined, int Credited, int Unmatched, IReadOnlyList<ProblemRow> Problems);
