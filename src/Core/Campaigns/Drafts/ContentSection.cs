namespace Outreach.Core.Campaigns;

/// <summary>One section of a newsletter issue (or of a sectioned campaign): a heading and its Markdown.</summary>
/// <param name="Heading">The section's heading (plain text).</param>
/// <param name="Markdown">The body as Markdown; raw HTML is not allowed and is shown as text.</param>
/// <param name="Audience">Who sees the section.</param>
public sealed record ContentSection(string Heading, string Markdown, SectionAudience Audience = SectionAudience.All);
