using Outreach.Core.Discovery;

namespace Outreach.Core.Membership;

/// <summary>The outcome of a membership import.</summary>
/// <param name="Joined">Leaders moved to Joined.</param>
/// <param name="Credited">Of those, joins credited to the outreach.</param>
/// <param name="Unmatched">Rows that matched no known leader.</param>
/// <param name="Problems">Bad rows by line number.</param>
/// <param name="Rejected">True when an all-or-nothing import was refused.</param>
public sealed record MembershipImportReport(int Joined, int Credited, int Unmatched, IReadOnlyList<SourceProblem> Problems, bool Rejected);
