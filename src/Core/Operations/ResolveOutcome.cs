namespace Outreach.Core.Operations;

/// <summary>How a staff resolution of an unknown outcome ended.</summary>
public enum ResolveOutcome
{
    /// <summary>Resolved as asked.</summary>
    Resolved = 0,

    /// <summary>No such delivery.</summary>
    NotFound = 1,

    /// <summary>The delivery's outcome is not unknown (any more): nothing was changed.</summary>
    NotOutcomeUnknown = 2,
}
