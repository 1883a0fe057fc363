namespace Outreach.Functions.Operations;

/// <summary>What staff found in SendGrid's activity about a letter whose outcome was unknown.</summary>
/// <param name="Outcome"><c>sent</c> or <c>not-sent</c>.</param>
/// <param name="Note">What was checked; kept in the leader's history.</param>
public sealed record ResolveDeliveryRequest(string? Outcome, string? Note);
