using Outreach.Core.Districts;

namespace Outreach.Core.Templates;

/// <summary>Renders a district's letter templates (Scriban) into subject, HTML and text.</summary>
public interface ILetterRenderer
{
    /// <summary>
    /// Renders template <paramref name="templateName"/> (e.g. <c>welcome-member</c>, <c>welcome-nonmember</c>,
    /// <c>followup</c>) of <paramref name="district"/> with <paramref name="model"/>. Every value is escaped for the
    /// part it lands in. Throws <see cref="TemplateNotFoundException"/> when the district has no such template.
    /// </summary>
    RenderedLetter Render(DistrictOptions district, string templateName, LetterModel model);
}
