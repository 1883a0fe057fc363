namespace Outreach.Core.Discovery;

/// <summary>What one read of a source produced.</summary>
/// <param name="Leaders">Leaders found (new or changed).</param>
/// <param name="RemovedSourceIds">Source ids the source reports as removed (Graph <c>@removed</c>).</param>
/// <param name="Problems">Rows or items that could not be used, with the reason.</param>
public sealed record LeaderSourceResult(
    IReadOnlyList<SourcedLeader> Leaders,
    IReadOnlyList<string> RemovedSourceIds,
    IReadOnlyList<SourceProblem> Problems);
