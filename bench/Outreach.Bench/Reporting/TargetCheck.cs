namespace Outreach.Bench.Reporting;

/// <summary>One target of issue 12 and how the run did against it.</summary>
internal sealed record TargetCheck(string Name, string Target, string Actual, bool Pass);
