using Outreach.Core.Campaigns;

namespace Outreach.Core.Newsletters;

/// <summary>
/// A district's newsletter issues: one per district and month, a <see cref="Campaign"/> of kind
/// <see cref="CampaignKind.Newsletter"/> (id <c>newsletter-{district}-{yyyy-MM}</c>) to every leader of the district who
/// has not opted out of newsletters, and any lists it names. Preview, test and approval are the campaign's.
/// </summary>
public sealed class NewsletterService
{
    /// <summary>Creates the issue of a district and month.</summary>
    /// <exception cref="CampaignRuleException"><c>exists</c>: the month has an issue already.</exception>
    public Task<Campaign> CreateAsync(NewsletterDraft draft, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Replaces an issue's content (withdraws an approval).</summary>
    public Task<Campaign> UpdateAsync(string issueId, NewsletterDraft draft, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The issues of a district (every district when null), newest month first.</summary>
    public Task<IReadOnlyList<Campaign>> ListAsync(string? district, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The district's schedule: next occurrence, its issue and the last run.</summary>
    public Task<NewsletterScheduleStatus> ScheduleAsync(string district, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
