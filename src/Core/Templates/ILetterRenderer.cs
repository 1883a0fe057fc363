using Outreach.Core.Districts;

namespace Outreach.Core.Templates;

/// <summary>Renders a district's letter templates (Handlebars) into subject, HTML and text.</summary>
public interface ILetterRenderer
{
    /// <summary>
    /// Renders template <paramref name="templateName"/> (e.g. <c>welcome-member</c>, <c>welcome-nonmember</c>,
    /// <c>followup</c>) of <paramref name="district"/> with <paramref name="model"/>. Every value is escaped for the
    /// part it lands in. Throws <see cref="TemplateNotFoundException"/> when the district has no such template.
    /// </summary>
    RenderedLetter Render(DistrictOptions district, string templateName, LetterModel model);
}

/// <summary>A rendered letter.</summary>
/// <param name="Subject">Subject line (from the template).</param>
/// <param name="Html">HTML part, inside the district's layout.</param>
/// <param name="Text">Plain-text part.</param>
public sealed record RenderedLetter(string Subject, string Html, string Text);

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

    /// <summary>Hire date, rendered in Danish by the template helpers.</summary>
    public DateOnly? HireDate { get; init; }

    /// <summary>The date the letter is written (Europe/Copenhagen), rendered in Danish.</summary>
    public required DateOnly LetterDate { get; init; }

    /// <summary>The personal unsubscribe link.</summary>
    public required Uri UnsubscribeUrl { get; init; }

    /// <summary>Which follow-up this is (1 or 2) for follow-up letters; 0 otherwise.</summary>
    public int FollowUpNumber { get; init; }
}

/// <summary>The district has no template of that name.</summary>
public sealed class TemplateNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TemplateNotFoundException(string district, string templateName)
        : base($"District '{district}' has no template '{templateName}'.")
    {
        District = district;
        TemplateName = templateName;
    }

    /// <summary>District code.</summary>
    public string District { get; }

    /// <summary>Template name.</summary>
    public string TemplateName { get; }
}
