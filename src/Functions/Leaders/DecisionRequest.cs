using Outreach.Core.Leaders;

namespace Outreach.Functions.Leaders;

/// <summary>A staff decision about a leader.</summary>
/// <param name="Decision">Joined or Declined.</param>
/// <param name="Reason">Why; kept in the leader's history.</param>
public sealed record DecisionRequest(LeaderState? Decision, string? Reason);
