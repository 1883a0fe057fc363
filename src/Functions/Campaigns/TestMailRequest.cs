namespace Outreach.Functions.Campaigns;

/// <summary>The body of <c>POST …/{id}/test</c>.</summary>
/// <param name="To">The address that gets one test mail (usually your own).</param>
public sealed record TestMailRequest(string? To);
