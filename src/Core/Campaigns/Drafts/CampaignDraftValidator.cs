using System.Text.RegularExpressions;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Campaigns;

/// <summary>
/// Checks what staff send for a campaign before anything is written, and answers it tidied (the district's code and
/// municipality spellings, trimmed one-line texts, each list once). Every refusal is an
/// <see cref="InvalidFieldException"/> naming the field as the HTTP request names it.
/// </summary>
internal sealed partial class CampaignDraftValidator
{
    private readonly IDistrictCatalog districts;
    private readonly IRecipientListRepository lists;
    private readonly ICampaignRenderer renderer;

    public CampaignDraftValidator(IDistrictCatalog districts, IRecipientListRepository lists, ICampaignRenderer renderer)
    {
        this.districts = districts;
        this.lists = lists;
        this.renderer = renderer;
    }

    /// <summary>The draft, tidied, with its district; throws <see cref="InvalidFieldException"/> on the first problem.</summary>
    public async Task<(CampaignDraft Draft, DistrictOptions District)> ValidateAsync(CampaignDraft? draft, CancellationToken cancellationToken)
    {
        if (draft is null)
        {
            throw new InvalidFieldException("input", "The campaign is missing.");
        }

        var district = (string.IsNullOrWhiteSpace(draft.District) ? null : districts.Find(draft.District.Trim()))
            ?? throw new InvalidFieldException("district", "There is no such district.");
        var name = OneLine(draft.Name, "name", required: true)!;
        if (draft.Category is not (OptOutCategory.Campaigns or OptOutCategory.Newsletter))
        {
            throw new InvalidFieldException("category", "The category is campaigns or newsletter.");
        }

        var content = Content(draft.Content);
        var audience = await AudienceAsync(draft.Audience, district, cancellationToken).ConfigureAwait(false);
        if (renderer.Check(district, content) is { } problem)
        {
            throw new InvalidFieldException(BodyField(content), problem);
        }

        return (draft with { District = district.Code, Name = name, Content = content, Audience = audience }, district);
    }

    /// <summary>The request's name of the field that holds <paramref name="content"/>'s body.</summary>
    public static string BodyField(CampaignContent content) =>
        content.Template is not null ? "template" : content.Sections.Count > 0 ? "sections" : "markdown";

    private static CampaignContent Content(CampaignContent? content)
    {
        if (content is null)
        {
            throw new InvalidFieldException("subject", "subject is required.");
        }

        var subject = OneLine(content.Subject, "subject", required: true)!;
        var title = OneLine(content.Title, "title", required: false);
        var markdown = string.IsNullOrWhiteSpace(content.Markdown) ? null : content.Markdown;
        var template = string.IsNullOrWhiteSpace(content.Template) ? null : content.Template.Trim();
        var sections = content.Sections ?? [];
        var bodies = (markdown is null ? 0 : 1) + (template is null ? 0 : 1) + (sections.Count > 0 ? 1 : 0);
        if (bodies == 0)
        {
            throw new InvalidFieldException("markdown", "The body is missing: give markdown, a template name or sections.");
        }

        if (bodies > 1)
        {
            throw new InvalidFieldException(template is not null ? "template" : "sections", "Give one body only: markdown, a template name or sections.");
        }

        if (template is not null && !TemplateName().IsMatch(template))
        {
            throw new InvalidFieldException("template", "A template name is letters, digits, '-' and '_' (at most 64), e.g. arsmode.");
        }

        var tidied = new List<ContentSection>(sections.Count);
        foreach (var section in sections)
        {
            if (section is null || string.IsNullOrWhiteSpace(section.Markdown))
            {
                throw new InvalidFieldException("sections", "Every section needs its markdown.");
            }

            if (!Enum.IsDefined(section.Audience))
            {
                throw new InvalidFieldException("sections", "A section's audience is all, members or nonMembers.");
            }

            tidied.Add(section with { Heading = OneLine(section.Heading, "sections", required: false) ?? "" });
        }

        // Every Markdown the campaign stores counts: the limit keeps the stored campaign inside one table entity.
        var length = (markdown?.Length ?? 0) + (content.Intro?.Length ?? 0) + tidied.Sum(section => section.Heading.Length + section.Markdown.Length);
        if (length > Campaign.MaxBodyLength)
        {
            throw new InvalidFieldException(
                template is null && tidied.Count == 0 ? "markdown" : "sections",
                $"The text is {length} characters long; a campaign holds at most {Campaign.MaxBodyLength}.");
        }

        return content with
        {
            Subject = subject,
            Title = title,
            Markdown = markdown,
            Template = template,
            Intro = string.IsNullOrWhiteSpace(content.Intro) ? null : content.Intro,
            Sections = tidied,
        };
    }

    private async Task<CampaignAudience> AudienceAsync(CampaignAudience? audience, DistrictOptions district, CancellationToken cancellationToken)
    {
        var listIds = (audience?.ListIds ?? []).Select(id => id?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (audience is null || (audience.Segment is null && listIds.Count == 0))
        {
            throw new InvalidFieldException("audience", "Choose a segment of leaders, or at least one recipient list.");
        }

        foreach (var listId in listIds)
        {
            if (listId.Length == 0 || await lists.GetAsync(listId, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new InvalidFieldException("listId", "There is no recipient list with that id.");
            }
        }

        return audience with { Segment = audience.Segment is null ? null : Segment(audience.Segment, district), ListIds = listIds };
    }

    private static LeaderSegment Segment(LeaderSegment segment, DistrictOptions district)
    {
        List<string>? municipalities = null;
        if (segment.Municipalities is { } given)
        {
            municipalities = [];
            foreach (var municipality in given)
            {
                // The district's own spelling, so the planner compares like with like.
                var known = district.Municipalities.FirstOrDefault(m => string.Equals(m, municipality?.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidFieldException("municipalities", $"{municipality} is not a municipality of {district.Code}.");
                if (!municipalities.Contains(known, StringComparer.Ordinal))
                {
                    municipalities.Add(known);
                }
            }
        }

        if (segment.Membership is { } membership && membership.Any(status => !Enum.IsDefined(status)))
        {
            throw new InvalidFieldException("membership", "Membership is member, nonMember or unknown.");
        }

        if (segment.States is { } states && states.Any(state => !Enum.IsDefined(state)))
        {
            throw new InvalidFieldException("states", "A state is one of the leader states (e.g. welcomed, followedUp).");
        }

        if (segment.HiredFrom is { } from && segment.HiredTo is { } to && from > to)
        {
            throw new InvalidFieldException("hiredTo", "hiredTo is before hiredFrom.");
        }

        return segment with { Municipalities = municipalities };
    }

    private static string? OneLine(string? value, string field, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? throw new InvalidFieldException(field, $"{field} is required.") : null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > Campaign.MaxTitleLength)
        {
            throw new InvalidFieldException(field, $"{field} is {trimmed.Length} characters long; at most {Campaign.MaxTitleLength} are allowed.");
        }

        if (trimmed.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029'))
        {
            throw new InvalidFieldException(field, $"{field} is one line of text.");
        }

        return trimmed;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex TemplateName();
}
