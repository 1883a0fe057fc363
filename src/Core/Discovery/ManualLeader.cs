namespace Outreach.Core.Discovery;

/// <summary>
/// A leader registered by hand by staff (a shop steward's tip). The values are as staff typed them; they are checked by the
/// same rules as a row of the leaders CSV.
/// </summary>
public sealed record ManualLeader
{
    /// <summary>District code, any letter case.</summary>
    public string? District { get; init; }

    /// <summary>Full name.</summary>
    public string? Name { get; init; }

    /// <summary>E-mail address.</summary>
    public string? Email { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Workplace.</summary>
    public string? Workplace { get; init; }

    /// <summary>Municipality.</summary>
    public string? Municipality { get; init; }

    /// <summary>Hire date, yyyy-mm-dd or dd-mm-yyyy.</summary>
    public string? HireDate { get; init; }

    /// <summary>Membership: yes, no, unknown (ja, nej, ukendt) or blank.</summary>
    public string? Membership { get; init; }

    /// <summary>Where the tip came from; kept in the leader's history.</summary>
    public string? Note { get; init; }
}
