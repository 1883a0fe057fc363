// STUB: the leaders feature fills this in.
namespace Outreach.Functions.Leaders;

/// <summary>Staff endpoints for leaders under /api/staff/leaders.</summary>
public static class LeaderEndpoints
{
    /// <summary>Maps the leader endpoints onto the (already authenticated) staff group.</summary>
    public static RouteGroupBuilder MapLeaderEndpoints(this RouteGroupBuilder staff) => staff;
}
