namespace Outreach.Core.Templates;

/// <summary>The values a letter template can use about its recipient; district, chair and contacts come from the district.</summary>
public sealed record LetterModel
{
    /// <summary>Recipient's full name.</summary>
    public required string RecipientName { get; init; }

    /// <summary>Recipient's e-mail address.</summary>
    public required string RecipientEmail { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>Workplace.</summary>
    public string? Workplace { get; init; }

    /// <summary>Municipality.</summary>
    public string? Municipality { get; init; }

    /// <summary>Hire date, given to templates in Danish ("18. november 2026").</summary>
    public DateOnly? HireDate { get; init; }

    /// <summary>The date the letter is written (Europe/Copenhagen), given to templates in Danish.</summary>
    public required DateOnly LetterDate { get; init; }

    /// <summary>The personal unsubscribe link.</summary>
    public required Uri UnsubscribeUrl { get; init; }

    /// <summary>Which follow-up this is (1 or 2) for follow-up letters; 0 otherwise.</summary>
    public int FollowUpNumber { get; init; }
}
