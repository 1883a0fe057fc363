using Outreach.Core.Campaigns;

namespace Outreach.Core.Newsletters;

/// <summary>What staff send to create or edit a district's newsletter issue for one month.</summary>
public sealed record NewsletterDraft
{
    /// <summary>The district code.</summary>
    public required string District { get; init; }

    /// <summary>The month (<c>yyyy-MM</c>); one issue per district and month.</summary>
    public required string Month { get; init; }

    /// <summary>The title (also the subject line).</summary>
    public required string Title { get; init; }

    /// <summary>The introduction, as Markdown.</summary>
    public string Intro { get; init; } = "";

    /// <summary>The sections, in order (at least one).</summary>
    public required IReadOnlyList<ContentSection> Sections { get; init; }

    /// <summary>True when the issue is signed with the chair's name (needs a second person's approval).</summary>
    public bool SignedByChair { get; init; }

    /// <summary>Uploaded lists that get the issue besides the district's leaders.</summary>
    public IReadOnlyList<string> ListIds { get; init; } = [];
}
