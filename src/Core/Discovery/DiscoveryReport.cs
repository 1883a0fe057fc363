using Outreach.Core.Letters;

namespace Outreach.Core.Discovery;

/// <summary>What a discovery run or an import did.</summary>
/// <param name="Discovered">New leaders stored.</param>
/// <param name="Updated">Known leaders whose details changed.</param>
/// <param name="Unchanged">Known leaders seen again unchanged.</param>
/// <param name="QueuedWelcomes">The welcomes this run put on the queue: one per new leader and per leader still waiting for one. They are queued already.</param>
/// <param name="Problems">Rows or sources that could not be used, with the reason.</param>
public sealed record DiscoveryReport(
    int Discovered,
    int Updated,
    int Unchanged,
    IReadOnlyList<WelcomeWorkItem> QueuedWelcomes,
    IReadOnlyList<SourceProblem> Problems)
{
    /// <summary>True when an all-or-nothing import was refused and nothing was stored.</summary>
    public bool Rejected { get; init; }
}
