using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Newsletters;

/// <summary>
/// A district's newsletter issues: one per district and month, a <see cref="Campaign"/> of kind
/// <see cref="CampaignKind.Newsletter"/> (id <c>newsletter-{district}-{yyyy-MM}</c>) to every leader of the district who
/// has not opted out of newsletters, and any lists it names. Preview, test and approval are the campaign's.
/// </summary>
public sealed class NewsletterService
{
    private readonly ICampaignRepository campaigns;
    private readonly IRecipientListRepository lists;
    private readonly IDistrictCatalog districts;
    private readonly ICampaignRenderer renderer;
    private readonly NewsletterScheduleCursors cursors;
    private readonly TimeProvider time;

    internal NewsletterService(
        ICampaignRepository campaigns,
        IRecipientListRepository lists,
        IDistrictCatalog districts,
        ICampaignRenderer renderer,
        NewsletterScheduleCursors cursors,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(renderer);
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(time);
        this.campaigns = campaigns;
        this.lists = lists;
        this.districts = districts;
        this.renderer = renderer;
        this.cursors = cursors;
        this.time = time;
    }

    /// <summary>Creates the issue of a district and month.</summary>
    /// <exception cref="CampaignRuleException"><c>exists</c>: the month has an issue already.</exception>
    /// <exception cref="InvalidFieldException">The draft is not acceptable (the field is named, e.g. <c>sections[1].markdown</c>); nothing was stored.</exception>
    public async Task<Campaign> CreateAsync(NewsletterDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        CheckActor(actor);
        var (district, month, content, audience) = await CheckAsync(draft, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var monthText = month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var issue = new Campaign
        {
            Id = NewsletterIssues.IdOf(district.Code, monthText),
            Kind = CampaignKind.Newsletter,
            District = district.Code,
            Name = NewsletterIssues.NameOf(month),
            Month = monthText,
            Category = OptOutCategory.Newsletter,
            Content = content,
            Audience = audience,
            Status = CampaignStatus.Draft,
            CreatedBy = actor,
            CreatedAt = now,
        };
        issue.Record(now, actor, "created");

        // The repository refuses a second issue of the month (rule "exists"), so two staff members cannot both create it.
        await campaigns.AddAsync(issue, cancellationToken).ConfigureAwait(false);
        return issue;
    }

    /// <summary>Replaces an issue's content (withdraws an approval).</summary>
    /// <exception cref="CampaignNotFoundException">There is no such issue.</exception>
    /// <exception cref="CampaignRuleException"><c>not-editable</c>: it is sending, sent or cancelled.</exception>
    /// <exception cref="InvalidFieldException">The draft is not acceptable, or names another district or month than the issue's.</exception>
    public async Task<Campaign> UpdateAsync(string issueId, NewsletterDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        CheckActor(actor);
        var issue = string.IsNullOrWhiteSpace(issueId) ? null : await campaigns.GetAsync(issueId, cancellationToken).ConfigureAwait(false);
        if (issue is null || issue.Kind != CampaignKind.Newsletter)
        {
            throw new CampaignNotFoundException($"There is no newsletter issue '{issueId}'.");
        }

        var (district, month, content, audience) = await CheckAsync(draft, cancellationToken).ConfigureAwait(false);

        // The id is the district and month; moving an issue would leave its id naming another month.
        if (!string.Equals(district.Code, issue.District, StringComparison.Ordinal))
        {
            throw new InvalidFieldException("district", $"The issue belongs to {issue.District}; create a new issue for another district.");
        }

        if (NewsletterIssues.IdOf(district.Code, month.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)) != issue.Id)
        {
            throw new InvalidFieldException("month", $"The issue is for {issue.Month}; create a new issue for another month.");
        }

        issue.Edit(NewsletterIssues.NameOf(month), OptOutCategory.Newsletter, content, audience, actor, time.GetUtcNow());
        await campaigns.UpdateAsync(issue, cancellationToken).ConfigureAwait(false);
        return issue;
    }

    /// <summary>The issues of a district (every district when null), newest month first.</summary>
    /// <exception cref="InvalidFieldException"><c>district</c>: not a configured district.</exception>
    public async Task<IReadOnlyList<Campaign>> ListAsync(string? district, CancellationToken cancellationToken = default)
    {
        string? code = null;
        if (district is not null)
        {
            code = (districts.Find(district) ?? throw UnknownDistrict(district)).Code;
        }

        var issues = await campaigns.ListAsync(code, CampaignKind.Newsletter, cancellationToken).ConfigureAwait(false);
        return [.. issues
            .Where(issue => issue.Kind == CampaignKind.Newsletter)
            .OrderByDescending(issue => issue.Month, StringComparer.Ordinal)
            .ThenBy(issue => issue.District, StringComparer.Ordinal)];
    }

    /// <summary>The district's schedule: next occurrence, its issue and the last run.</summary>
    /// <exception cref="InvalidFieldException"><c>district</c>: not a configured district.</exception>
    public async Task<NewsletterScheduleStatus> ScheduleAsync(string district, CancellationToken cancellationToken = default)
    {
        var options = districts.Find(district ?? "") ?? throw UnknownDistrict(district ?? "");
        var state = await cursors.ReadAsync(options.Code, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(options.NewsletterSchedule))
        {
            return new NewsletterScheduleStatus(options.Code, null, null, null, null, null, state?.LastRun);
        }

        // Validated at start, so a schedule that does not parse here is a configuration changed under a running app.
        var schedule = NewsletterSchedule.Parse(options.NewsletterSchedule);
        var next = schedule.NextAfter(time.GetUtcNow());
        if (next is not { } nextAt)
        {
            return new NewsletterScheduleStatus(options.Code, schedule.Expression, null, null, null, null, state?.LastRun);
        }

        var month = NewsletterSchedule.MonthOf(nextAt);
        var issueId = NewsletterIssues.IdOf(options.Code, month);
        var issue = await campaigns.GetAsync(issueId, cancellationToken).ConfigureAwait(false);
        var status = issue is null || issue.Kind != CampaignKind.Newsletter ? "missing" : issue.Status.ToString();
        return new NewsletterScheduleStatus(options.Code, schedule.Expression, nextAt, month, issueId, status, state?.LastRun);
    }

    private async Task<(DistrictOptions District, DateOnly Month, CampaignContent Content, CampaignAudience Audience)> CheckAsync(NewsletterDraft draft, CancellationToken cancellationToken)
    {
        var district = districts.Find(draft.District ?? "") ?? throw UnknownDistrict(draft.District ?? "");
        if (!NewsletterIssues.TryParseMonth(draft.Month, out var month))
        {
            throw new InvalidFieldException("month", "month must be a month in the form yyyy-MM, e.g. 2027-01.");
        }

        var title = OneLine(draft.Title, "title");
        var intro = string.IsNullOrWhiteSpace(draft.Intro) ? null : draft.Intro.Trim();
        if (draft.Sections is null || draft.Sections.Count == 0)
        {
            throw new InvalidFieldException("sections", "An issue needs at least one section.");
        }

        var sections = new List<ContentSection>(draft.Sections.Count);
        for (var index = 0; index < draft.Sections.Count; index++)
        {
            var field = FormattableString.Invariant($"sections[{index}]");
            var section = draft.Sections[index] ?? throw new InvalidFieldException(field, $"{field} is empty.");
            var heading = OneLine(section.Heading, field + ".heading");
            if (string.IsNullOrWhiteSpace(section.Markdown))
            {
                throw new InvalidFieldException(field + ".markdown", $"{field}.markdown is required.");
            }

            if (!Enum.IsDefined(section.Audience))
            {
                throw new InvalidFieldException(field + ".audience", $"{field}.audience must be All, Members or NonMembers.");
            }

            sections.Add(new ContentSection(heading, section.Markdown.Trim(), section.Audience));
        }

        var listIds = new List<string>();
        var requested = draft.ListIds ?? [];
        for (var index = 0; index < requested.Count; index++)
        {
            var listId = requested[index]?.Trim();
            var field = FormattableString.Invariant($"listIds[{index}]");
            if (!RecipientListService.IsListId(listId) || await lists.GetAsync(listId!, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new InvalidFieldException(field, $"{field}: there is no recipient list '{listId}'.");
            }

            if (!listIds.Contains(listId!, StringComparer.Ordinal))
            {
                listIds.Add(listId!);
            }
        }

        var content = new CampaignContent
        {
            Subject = title,
            Title = title,
            Intro = intro,
            Sections = sections,
            SignedByChair = draft.SignedByChair,
        };
        CheckRenders(district, content);

        // Every leader of the district (a segment without conditions); the category keeps out those who opted out.
        var audience = new CampaignAudience { Segment = new LeaderSegment(), ListIds = listIds };
        return (district, month, content, audience);
    }

    // The renderer answers for the content as a whole; asking for each section alone first names the section at fault.
    private void CheckRenders(DistrictOptions district, CampaignContent content)
    {
        for (var index = 0; index < content.Sections.Count; index++)
        {
            var problem = renderer.Check(district, content with { Intro = null, Sections = [content.Sections[index]] });
            if (problem is not null)
            {
                throw new InvalidFieldException(FormattableString.Invariant($"sections[{index}].markdown"), problem);
            }
        }

        if (content.Intro is not null && renderer.Check(district, content with { Sections = [content.Sections[0]] }) is { } introProblem)
        {
            throw new InvalidFieldException("intro", introProblem);
        }

        if (renderer.Check(district, content) is { } whole)
        {
            throw new InvalidFieldException("sections", whole);
        }
    }

    private static string OneLine(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new InvalidFieldException(field, $"{field} is required.");
        }

        if (trimmed.Length > Campaign.MaxTitleLength)
        {
            throw new InvalidFieldException(field, $"{field} is {trimmed.Length} characters long; at most {Campaign.MaxTitleLength} are allowed.");
        }

        if (trimmed.Any(char.IsControl))
        {
            throw new InvalidFieldException(field, $"{field} must be one line of text.");
        }

        return trimmed;
    }

    private static void CheckActor(string actor) =>
        InvalidFieldException.ThrowIfEmptyOrLongerThan(actor, LeaderEvent.MaxActorLength, "actor");

    private InvalidFieldException UnknownDistrict(string district) =>
        new("district", $"'{district}' is not a configured district; the districts are {string.Join(", ", districts.All.Select(d => d.Code))}.");
}
