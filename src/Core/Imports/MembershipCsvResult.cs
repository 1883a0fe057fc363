using Outreach.Core.Discovery;

namespace Outreach.Core.Imports;

/// <summary>What one membership export held.</summary>
/// <param name="Rows">The good rows, in file order.</param>
/// <param name="Problems">The file's problems and its bad rows, by line.</param>
public sealed record MembershipCsvResult(IReadOnlyList<MembershipRow> Rows, IReadOnlyList<SourceProblem> Problems);
