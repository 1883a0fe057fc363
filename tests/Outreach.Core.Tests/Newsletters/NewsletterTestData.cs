using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Newsletters;

/// <summary>Districts with newsletter schedules, and newsletter issues in a given state, for the newsletter tests.</summary>
internal sealed class NewsletterTestData : IDistrictCatalog
{
    public const string FirstTuesdayAtNine = "0 0 9 1-7 * 2";

    public NewsletterTestData(params (string Code, string? Schedule)[] districts) =>
        All = [.. districts.Select(d => new DistrictOptions { Code = d.Code, DisplayName = d.Code, NewsletterSchedule = d.Schedule })];

    public IReadOnlyList<DistrictOptions> All { get; }

    public DistrictOptions? Find(string code) => All.FirstOrDefault(d => string.Equals(d.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public DistrictOptions GetRequired(string code) => Find(code) ?? throw new KeyNotFoundException(code);

    public static Campaign Issue(string district, string month, CampaignStatus status, bool signedByChair = false)
    {
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var issue = new Campaign
        {
            Id = $"newsletter-{district}-{month}",
            Kind = CampaignKind.Newsletter,
            District = district,
            Name = "Nyhedsbrev",
            Month = month,
            Category = OptOutCategory.Newsletter,
            Content = new CampaignContent { Subject = "Nyt", Title = "Nyt", Sections = [new ContentSection("Møde", "Kom til *møde*.")], SignedByChair = signedByChair },
            Audience = new CampaignAudience { Segment = new LeaderSegment() },
            CreatedBy = "anna",
            CreatedAt = at,
        };
        if (status is not CampaignStatus.Draft)
        {
            issue.Approve("bo", at);
        }

        if (status is CampaignStatus.Scheduled or CampaignStatus.Planning or CampaignStatus.Sending or CampaignStatus.Sent)
        {
            issue.RequestSend("bo", at, status == CampaignStatus.Scheduled ? at.AddDays(60) : null);
        }

        if (status is CampaignStatus.Sending or CampaignStatus.Sent or CampaignStatus.Cancelled)
        {
            issue.Status = status;
        }

        return issue;
    }
}
