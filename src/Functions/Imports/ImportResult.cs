using Outreach.Core.Discovery;

namespace Outreach.Functions.Imports;

/// <summary>What a leaders import or a discovery run did.</summary>
/// <param name="Discovered">New leaders stored.</param>
/// <param name="Updated">Known leaders whose details changed.</param>
/// <param name="Unchanged">Known leaders seen again unchanged.</param>
/// <param name="WelcomesQueued">Welcome letters queued.</param>
/// <param name="Problems">Rows that could not be used.</param>
public sealed record ImportResult(int Discovered, int Updated, int Unchanged, int WelcomesQueued, IReadOnlyList<ProblemRow> Problems)
{
    internal static ImportResult From(DiscoveryReport report) =>
        new(report.Discovered, report.Updated, report.Unchanged, report.QueuedWelcomes.Count, report.Problems.Select(ProblemRow.From).ToList());
}
