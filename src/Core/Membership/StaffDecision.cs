using Outreach.Core.Discovery;
using Outreach.Core.Leaders;

namespace Outreach.Core.Membership;

/// <summary>A staff decision about one leader.</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id.</param>
/// <param name="Decision">Joined or Declined.</param>
/// <param name="Actor">The staff member recording it.</param>
/// <param name="Reason">Why (free text, shown in the audit).</param>
public sealed record StaffDecision(string District, string LeaderId, LeaderState Decision, string Actor, string Reason);
