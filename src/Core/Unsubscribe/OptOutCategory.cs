namespace Outreach.Core.Unsubscribe;

/// <summary>What a person can opt out of.</summary>
public enum OptOutCategory
{
    /// <summary>Welcome and follow-up letters (the outreach).</summary>
    Outreach = 1,

    /// <summary>The monthly newsletter.</summary>
    Newsletter = 2,

    /// <summary>Campaigns (meetings, annual meeting, elections).</summary>
    Campaigns = 3,

    /// <summary>Everything.</summary>
    All = 4,
}
