namespace Outreach.Core.Discovery;

/// <summary>One unusable row or item.</summary>
/// <param name="Line">1-based line number for files (the header is line 1), or null.</param>
/// <param name="Item">The item id for Graph and SharePoint, or null.</param>
/// <param name="Reason">Why it was not used, in plain words.</param>
public sealed record SourceProblem(int? Line, string? Item, string Reason);
