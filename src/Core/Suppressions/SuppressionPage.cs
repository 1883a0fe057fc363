namespace Outreach.Core.Suppressions;

/// <summary>One page of the suppression list.</summary>
/// <param name="Items">The entries of this page.</param>
/// <param name="Continuation">What asks for the next page, or null on the last.</param>
public sealed record SuppressionPage(IReadOnlyList<SuppressionEntry> Items, string? Continuation);
