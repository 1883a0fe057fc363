using Outreach.Bench.Shared;
using Outreach.Core.Campaigns;
using Outreach.Core.Unsubscribe;

namespace Outreach.Benchmarks;

/// <summary>The newsletter issue the benchmarks render: the same content as the end-to-end harness sends (bench/Outreach.Bench).</summary>
internal static class CampaignSamples
{
    public static Campaign Newsletter(bool sectioned) => new()
    {
        Id = "newsletter-storkobenhavn-2027-01",
        Kind = CampaignKind.Newsletter,
        District = "storkobenhavn",
        Name = "Nyhedsbrev januar 2027",
        Month = "2027-01",
        Category = OptOutCategory.Newsletter,
        CreatedBy = "bench.author",
        CreatedAt = new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero),
        Audience = new CampaignAudience { Segment = new LeaderSegment() },
        Content = new CampaignContent
        {
            Subject = "Nyt fra Lederforeningen, januar 2027",
            Title = "Nyt fra Lederforeningen, januar 2027",
            Intro = SampleNewsletter.Intro,
            SignedByChair = true,
            Sections = SampleNewsletter.Sections(sectioned ? SectionAudience.NonMembers : SectionAudience.All),
        },
    };
}
