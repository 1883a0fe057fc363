namespace Outreach.Core.Discovery.Graph;

/// <summary>Internal names of the list columns; a blank optional column is not read.</summary>
public sealed class SharePointColumns
{
    /// <summary>Full name; default <c>Title</c>.</summary>
    public string Name { get; set; } = "Title";

    /// <summary>E-mail address.</summary>
    public string Email { get; set; } = "Email";

    /// <summary>Job title.</summary>
    public string? JobTitle { get; set; } = "JobTitle";

    /// <summary>Workplace.</summary>
    public string? Workplace { get; set; } = "Workplace";

    /// <summary>Municipality.</summary>
    public string? Municipality { get; set; } = "Municipality";

    /// <summary>Hire date (a date column or ISO 8601 text).</summary>
    public string? HireDate { get; set; } = "HireDate";

    /// <summary>Membership (yes/no/unknown, ja/nej, or a yes/no column).</summary>
    public string? Member { get; set; } = "Member";

    /// <summary>District code per item; when blank <see cref="SharePointLeaderSourceOptions.District"/> is used.</summary>
    public string? District { get; set; }
}
