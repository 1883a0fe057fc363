namespace Outreach.DevHost.Invocations;

/// <summary>One finished invocation, kept for the console and for tests that wait on DevHost.</summary>
/// <param name="FunctionName">The function.</param>
/// <param name="InvocationId">The invocation id sent to the worker.</param>
/// <param name="Started">When it was sent to the worker.</param>
/// <param name="Succeeded">The outcome.</param>
/// <param name="Duration">How long the worker took.</param>
/// <param name="OutputMessages">Queue messages written from its outputs.</param>
/// <param name="FailureReason">Why it failed, or null.</param>
public sealed record InvocationRecord(string FunctionName, string InvocationId, DateTimeOffset Started, bool Succeeded, TimeSpan Duration, int OutputMessages, string? FailureReason);
