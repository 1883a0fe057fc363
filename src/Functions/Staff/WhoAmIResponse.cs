namespace Outreach.Functions.Staff;

/// <summary>What <c>GET /api/staff/whoami</c> answers.</summary>
/// <param name="Name">The staff member's name as recorded in audit events.</param>
/// <param name="Roles">The member's roles.</param>
public sealed record WhoAmIResponse(string Name, IReadOnlyList<string> Roles);
