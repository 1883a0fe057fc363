using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>One transition in a leader's history: who or what moved them, when, and why.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="From">State before, or null for the first event.</param>
/// <param name="To">State after.</param>
/// <param name="Actor">Who or what: a staff member's name, or a system part such as <c>discovery</c>.</param>
/// <param name="Reason">Why, in plain words.</param>
public sealed record LeaderEventView(DateTimeOffset At, LeaderState? From, LeaderState To, string Actor, string Reason);
