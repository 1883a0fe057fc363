using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Newsletters;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Http;

namespace Outreach.Functions.Newsletters;

/// <summary>Turns the body of a newsletter request into Core's <see cref="NewsletterDraft"/>, or a 400 naming the field.</summary>
public static class NewsletterDrafts
{
    /// <summary>The most sections one issue may have.</summary>
    public const int MaxSections = 50;

    /// <summary>The draft of <paramref name="request"/>, or the problem with it.</summary>
    public static (NewsletterDraft? Draft, ProblemHttpResult? Problem) Read(NewsletterRequest request, IDistrictCatalog districts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(districts);
        var (code, problem) = RequestValues.District(request.District, districts);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (string.IsNullOrWhiteSpace(request.Month)
            || !DateOnly.TryParseExact(request.Month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return (null, Problems.Field("month", "Not a month", "month is the issue's month as yyyy-MM, e.g. 2027-01."));
        }

        if (CampaignDrafts.Line(request.Title, "title") is { } titleProblem)
        {
            return (null, titleProblem);
        }

        if (request.Sections is not { Count: > 0 } given || given.Count > MaxSections)
        {
            return (null, Problems.Field("sections", "Sections are required", $"An issue has 1 to {MaxSections} sections, each with a heading and markdown."));
        }

        var sections = new List<ContentSection>();
        for (var index = 0; index < given.Count; index++)
        {
            var at = FormattableString.Invariant($"sections[{index}].");
            var section = given[index];
            if (section is null)
            {
                return (null, Problems.Field(at.TrimEnd('.'), "A section is required", "Each section is an object with heading and markdown."));
            }

            if (CampaignDrafts.Line(section.Heading, at + "heading") is { } headingProblem)
            {
                return (null, headingProblem);
            }

            if (string.IsNullOrWhiteSpace(section.Markdown))
            {
                return (null, Problems.Field(at + "markdown", "markdown is required", "Each section has a body as Markdown."));
            }

            var audience = section.Audience is null ? SectionAudience.All : CampaignNames.ParseSectionAudience(section.Audience);
            if (audience is null)
            {
                return (null, Problems.Field(at + "audience", "Unknown section audience", "audience is one of: " + string.Join(", ", CampaignNames.SectionAudiences) + "."));
            }

            sections.Add(new ContentSection(section.Heading!.Trim(), section.Markdown, audience.Value));
        }

        var (listIds, listProblem) = CampaignDrafts.ListIds(request.ListIds ?? [], "listIds");
        if (listProblem is not null)
        {
            return (null, listProblem);
        }

        return (new NewsletterDraft
        {
            District = code!,
            Month = request.Month,
            Title = request.Title!.Trim(),
            Intro = request.Intro ?? "",
            Sections = sections,
            SignedByChair = request.SignedByChair ?? false,
            ListIds = listIds,
        }, null);
    }
}
