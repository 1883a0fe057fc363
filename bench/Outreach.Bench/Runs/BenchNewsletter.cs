using System.Globalization;
using Outreach.Core.Campaigns;
using Outreach.Core.Newsletters;

namespace Outreach.Bench.Runs;

/// <summary>The newsletter issue the bench sends: a realistic month's issue (intro and three sections), signed by the chair.</summary>
internal static class BenchNewsletter
{
    public const string District = "storkobenhavn";
    public const string Author = "bench.author";
    public const string Approver = "bench.approver";

    /// <summary>A month that has no issue yet in this Azurite: next month plus <paramref name="offset"/>.</summary>
    public static string Month(int offset) =>
        DateTime.UtcNow.AddMonths(1 + offset).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static NewsletterDraft Draft(string month, IReadOnlyList<string> listIds) => new()
    {
        District = District,
        Month = month,
        Title = "Nyt fra Lederforeningen, " + month,
        Intro = "Kære leder. Her er månedens nyheder fra Lederforeningen: overenskomst, årsmøde og kurser for nye ledere.",
        SignedByChair = true,
        ListIds = listIds,
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
                """),
        ],
    };
}
