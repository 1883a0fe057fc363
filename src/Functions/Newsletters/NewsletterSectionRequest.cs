namespace Outreach.Functions.Newsletters;

/// <summary>One section of a newsletter issue.</summary>
/// <param name="Heading">The heading (one line).</param>
/// <param name="Markdown">The body as Markdown.</param>
/// <param name="Audience"><c>all</c> (the default), <c>members</c> or <c>nonmembers</c>.</param>
public sealed record NewsletterSectionRequest(string? Heading, string? Markdown, string? Audience);
