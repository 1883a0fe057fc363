using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Campaigns;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Functions.Http;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// Turns the body of a campaign request into Core's <see cref="CampaignDraft"/>, refusing with a 400 naming the field
/// whatever the HTTP layer can judge alone (district, required text, category, body, audience and its values); what
/// needs storage (does the list exist, does the template) is Core's to refuse.
/// </summary>
public static class CampaignDrafts
{
    /// <summary>The most uploaded lists one audience may name.</summary>
    public const int MaxLists = 20;

    /// <summary>The draft of <paramref name="request"/>, or the problem with it.</summary>
    public static (CampaignDraft? Draft, ProblemHttpResult? Problem) Read(CampaignRequest request, IDistrictCatalog districts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(districts);
        var (code, problem) = RequestValues.District(request.District, districts);
        problem ??= Line(request.Name, "name") ?? Line(request.Subject, "subject");
        if (problem is not null)
        {
            return (null, problem);
        }

        var category = request.Category is null ? Core.Unsubscribe.OptOutCategory.Campaigns : CampaignNames.ParseCategory(request.Category);
        if (category is null)
        {
            return (null, Problems.Field("category", "Unknown category", "category is one of: " + string.Join(", ", CampaignNames.Categories) + "."));
        }

        var markdown = string.IsNullOrWhiteSpace(request.Markdown) ? null : request.Markdown;
        var template = string.IsNullOrWhiteSpace(request.Template) ? null : request.Template.Trim();
        if ((markdown is null) == (template is null))
        {
            return (null, Problems.Field("markdown", "Give markdown or template", "The body is either markdown or the name of a template of the district, and not both."));
        }

        if (template is not null && (template.Length > 64 || !template.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return (null, Problems.Field("template", "Not a template name", "template is the name of a campaign template: up to 64 letters, digits, - and _."));
        }

        var (audience, audienceProblem) = Audience(request.Audience, districts.Find(code!)!);
        if (audienceProblem is not null)
        {
            return (null, audienceProblem);
        }

        return (new CampaignDraft
        {
            District = code!,
            Name = request.Name!.Trim(),
            Category = category.Value,
            Content = new CampaignContent
            {
                Subject = request.Subject!.Trim(),
                Markdown = markdown,
                Template = template,
                SignedByChair = request.SignedByChair ?? false,
            },
            Audience = audience!,
        }, null);
    }

    /// <summary>Null for required one-line text of at most <see cref="Campaign.MaxTitleLength"/> characters, otherwise a problem naming <paramref name="field"/>.</summary>
    public static ProblemHttpResult? Line(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? Problems.Field(field, field + " is required", $"Give {field}.")
        : text.Length > Campaign.MaxTitleLength || text.Any(char.IsControl)
            ? Problems.Field(field, "Not a valid " + field, $"{field} is one line of at most {Campaign.MaxTitleLength} characters.")
        : null;

    /// <summary>The list ids of <paramref name="ids"/> (without repeats), or a problem naming <paramref name="field"/>.</summary>
    public static (IReadOnlyList<string> Ids, ProblemHttpResult? Problem) ListIds(IEnumerable<string?> ids, string field)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var distinct = new List<string>();
        foreach (var id in ids)
        {
            if (RequestValues.Identifier(id, field) is { } problem)
            {
                return ([], problem);
            }

            if (!distinct.Contains(id!, StringComparer.Ordinal))
            {
                distinct.Add(id!);
            }
        }

        return distinct.Count > MaxLists
            ? ([], Problems.Field(field, "Too many lists", $"An audience names at most {MaxLists} lists."))
            : (distinct, null);
    }

    private static (CampaignAudience? Audience, ProblemHttpResult? Problem) Audience(AudienceRequest? request, DistrictOptions district)
    {
        if (request is null || (request.Segment is null && request.ListId is null && request.ListIds is not { Count: > 0 }))
        {
            return (null, Problems.Field("audience", "An audience is required", "Give audience.segment (the district's leaders) and/or audience.listId or audience.listIds (uploaded lists)."));
        }

        var named = request.ListId is null ? request.ListIds ?? [] : [request.ListId, .. request.ListIds ?? []];
        var (listIds, listProblem) = ListIds(named, request.ListId is null ? "audience.listIds" : "audience.listId");
        if (listProblem is not null)
        {
            return (null, listProblem);
        }

        LeaderSegment? segment = null;
        if (request.Segment is { } given)
        {
            var (read, segmentProblem) = Segment(given, district);
            if (segmentProblem is not null)
            {
                return (null, segmentProblem);
            }

            segment = read;
        }

        return (new CampaignAudience { Segment = segment, ListIds = listIds }, null);
    }

    private static (LeaderSegment? Segment, ProblemHttpResult? Problem) Segment(SegmentRequest request, DistrictOptions district)
    {
        const string Prefix = "audience.segment.";
        var municipalities = new List<string>();
        foreach (var name in request.Municipalities ?? [])
        {
            // The district's own spelling, so that a typo is a 400 here rather than a campaign to nobody.
            var known = district.Municipalities.Count == 0 ? name?.Trim() : district.Municipalities.FirstOrDefault(m => string.Equals(m, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (string.IsNullOrWhiteSpace(known) || RequestValues.Municipality(known) is not null)
            {
                return (null, Problems.Field(Prefix + "municipalities", "Unknown municipality", $"The municipalities of {district.Code} are: {string.Join(", ", district.Municipalities)}."));
            }

            municipalities.Add(known);
        }

        var membership = new List<MembershipStatus>();
        foreach (var text in request.Membership ?? [])
        {
            if (CampaignNames.ParseMembership(text) is not { } value)
            {
                return (null, Problems.Field(Prefix + "membership", "Unknown membership", "membership is one or more of: " + string.Join(", ", CampaignNames.MembershipValues) + "."));
            }

            membership.Add(value);
        }

        var states = new List<LeaderState>();
        foreach (var text in request.States ?? [])
        {
            var (state, problem) = RequestValues.OptionalEnum<LeaderState>(text, Prefix + "states");
            if (problem is not null || state is null)
            {
                return (null, problem ?? Problems.Field(Prefix + "states", "Unknown state", "states are one or more of: " + string.Join(", ", Enum.GetNames<LeaderState>()) + "."));
            }

            states.Add(state.Value);
        }

        if (request.HiredFrom > request.HiredTo)
        {
            return (null, Problems.Field(Prefix + "hiredTo", "An empty hiring period", "hiredTo is the same day as hiredFrom or later."));
        }

        return (new LeaderSegment
        {
            Municipalities = municipalities.Count == 0 ? null : municipalities.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Membership = membership.Count == 0 ? null : membership.Distinct().ToList(),
            States = states.Count == 0 ? null : states.Distinct().ToList(),
            HiredFrom = request.HiredFrom,
            HiredTo = request.HiredTo,
        }, null);
    }
}
