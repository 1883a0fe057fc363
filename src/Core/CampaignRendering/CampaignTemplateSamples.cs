using Outreach.Core.Campaigns;

namespace Outreach.Core.CampaignRendering;

/// <summary>Sample content for the start check: every Markdown construct, and sections for every audience, so both sides of the layouts' conditions run.</summary>
internal static class CampaignTemplateSamples
{
    private const string AllOfMarkdown = """
        # Overskrift

        Et afsnit med *kursiv*, **fed**, `kode` og et [link](https://example.org/side) og <mailto:ledere@example.org>.

        - Et punkt
        - Et punkt mere
          1. Underpunkt

        > Et citat

        | Hvad | Hvornår |
        |---|---|
        | Møde | 1. februar |

        ![Billede](https://example.org/billede.png)

        ---
        """;

    public static CampaignContent Markdown(bool signed) =>
        new() { Subject = "Invitation til møde", Markdown = AllOfMarkdown, SignedByChair = signed };

    public static CampaignContent Newsletter(bool signed) => new()
    {
        Subject = "Nyhedsbrev februar 2027",
        Title = "Nyhedsbrev februar 2027",
        Intro = "Kære ledere, her er **nyt** fra kredsen.",
        Sections =
        [
            new ContentSection("For alle", AllOfMarkdown),
            new ContentSection("For medlemmer", "Tak for jeres medlemskab.", SectionAudience.Members),
            new ContentSection("For ikke-medlemmer", "Bliv medlem.", SectionAudience.NonMembers),
        ],
        SignedByChair = signed,
    };

    public static CampaignContent NewsletterWithoutIntro(bool signed) => new()
    {
        Subject = "Nyhedsbrev",
        Title = "Nyhedsbrev",
        Sections = [new ContentSection("Nyt", "Kort nyt.")],
        SignedByChair = signed,
    };

    public static CampaignContent Named(string template, bool signed) =>
        new() { Subject = "Årsmøde tirsdag den 16. marts 2027 kl. 17 i Aalborg", Template = template, SignedByChair = signed };
}
