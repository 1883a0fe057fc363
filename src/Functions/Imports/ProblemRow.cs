using Outreach.Core.Discovery;

namespace Outreach.Functions.Imports;

/// <summary>A row (or source) that could not be used, and why.</summary>
/// <param name="Line">The line in the file, when there is one.</param>
/// <param name="Item">The source or source id concerned, when known.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record ProblemRow(int? Line, string? Item, string Reason)
{
    internal static ProblemRow From(SourceProblem problem) => new(problem.Line, problem.Item, problem.Reason);
}
