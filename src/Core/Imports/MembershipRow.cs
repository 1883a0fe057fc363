namespace Outreach.Core.Imports;

/// <summary>One good row of the membership system's export: a member the registry knows, to match against our leaders.</summary>
public sealed record MembershipRow
{
    /// <summary>1-based physical line of the row in the file.</summary>
    public required int Line { get; init; }

    /// <summary>The district's canonical code.</summary>
    public required string District { get; init; }

    /// <summary>The member's e-mail address as given (trimmed), or null; compare it normalised.</summary>
    public string? Email { get; init; }

    /// <summary>The leader source's id of the person, or null.</summary>
    public string? SourceId { get; init; }

    /// <summary>The member's name when the export has one; not used for matching.</summary>
    public string? Name { get; init; }

    /// <summary>The date the person joined, when the export says.</summary>
    public DateOnly? JoinedOn { get; init; }
}
