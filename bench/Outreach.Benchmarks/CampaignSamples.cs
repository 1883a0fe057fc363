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
            Intro = "Kære leder. Her er månedens nyheder fra Lederforeningen: overenskomst, årsmøde og kurser for nye ledere.",
            SignedByChair = true,
            Sections =
            [
                new ContentSection("Overenskomst 2027", """
                    Forhandlingerne om **overenskomst 2027** er i gang. Vi holder dig orienteret her og på
                    [vores hjemmeside](https://example.org/socialpaedagogerne/ok27).

                    - Løn og pension for ledere
                    - Arbejdstid og frihed
                    - Kompetenceudvikling
                    """),
                new ContentSection("Årsmøde", """
                    Årsmødet holdes den 14. marts i Valby. Tilmelding senest 1. marts til
                    [ledersekretariatet](mailto:ledersekretariat.storkobenhavn@example.org).
                    """),
                new ContentSection("Kurser for nye ledere", """
                    Foråret byder på tre kurser: *Den svære samtale*, *Arbejdsmiljø i praksis* og *Budget og økonomi*.
                    Læs mere og tilmeld dig på [kursuskalenderen](https://example.org/socialpaedagogerne/kurser).
                    """, sectioned ? SectionAudience.NonMembers : SectionAudience.All),
            ],
        },
    };
}
