namespace Outreach.Core.Templates;

/// <summary>A rendered letter.</summary>
/// <param name="Subject">Subject line (from the template), one line.</param>
/// <param name="Html">HTML part, inside the district's layout.</param>
/// <param name="Text">Plain-text part.</param>
public sealed record RenderedLetter(string Subject, string Html, string Text);
