using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>A leader's place in the outreach funnel.</summary>
public enum LeaderState
{
    /// <summary>Found by discovery; no letter yet.</summary>
    Discovered = 0,

    /// <summary>The welcome letter went out (or the print letter was produced).</summary>
    Welcomed = 1,

    /// <summary>One or more follow-ups went out (see <see cref="LeaderView.FollowUps"/>).</summary>
    FollowedUp = 2,

    /// <summary>Joined the union (membership registry or staff).</summary>
    Joined = 3,

    /// <summary>Said no (recorded by staff).</summary>
    Declined = 4,

    /// <summary>Opted out of outreach letters.</summary>
    OptedOut = 5,

    /// <summary>Mail to the address bounced or was dropped.</summary>
    Undeliverable = 6,
}
