namespace Outreach.Core.Campaigns;

/// <summary>
/// What a campaign says. Exactly one of <see cref="Markdown"/>, <see cref="Template"/> or <see cref="Sections"/> is the
/// body: a staff campaign has Markdown or a named template of the district (e.g. <c>arsmode</c>); a newsletter issue has
/// an intro and sections.
/// </summary>
public sealed record CampaignContent
{
    /// <summary>The subject line (plain text, one line).</summary>
    public required string Subject { get; init; }

    /// <summary>The body as Markdown, or null.</summary>
    public string? Markdown { get; init; }

    /// <summary>The name of a campaign template in the district's template folder, or null.</summary>
    public string? Template { get; init; }

    /// <summary>The newsletter's title (shown at the top), or null for a campaign.</summary>
    public string? Title { get; init; }

    /// <summary>The newsletter's introduction as Markdown, or null.</summary>
    public string? Intro { get; init; }

    /// <summary>The sections, in order; empty for a campaign with a single body.</summary>
    public IReadOnlyList<ContentSection> Sections { get; init; } = [];

    /// <summary>True when the letter is signed with the chair's name (needs a second person's approval).</summary>
    public bool SignedByChair { get; init; }
}
