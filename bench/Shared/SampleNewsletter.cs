using Outreach.Core.Campaigns;

namespace Outreach.Bench.Shared;

/// <summary>
/// The content of the newsletter issue both benchmark projects use (compiled into each): a realistic month's intro and
/// three Markdown sections, so that the in-process benchmarks render what the end-to-end harness sends.
/// </summary>
internal static class SampleNewsletter
{
    public const string Intro = "Kære leder. Her er månedens nyheder fra Lederforeningen: overenskomst, årsmøde og kurser for nye ledere.";

    /// <summary>The three sections; <paramref name="lastSection"/> is who sees the last one (non-members make a second variant).</summary>
    public static IReadOnlyList<ContentSection> Sections(SectionAudience lastSection = SectionAudience.All) =>
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
            """, lastSection),
    ];
}
