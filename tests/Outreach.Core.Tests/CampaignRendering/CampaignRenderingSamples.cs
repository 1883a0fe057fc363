using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Templates;
using Outreach.Core.Tests.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.CampaignRendering;

/// <summary>The shipped districts and templates, a fixed clock and campaigns of each kind, as the campaign rendering tests use them.</summary>
internal static class CampaignRenderingSamples
{
    /// <summary>31 January 2027 23:30 UTC: already 1 February in Copenhagen.</summary>
    public static readonly DateTimeOffset Now = new(2027, 1, 31, 23, 30, 0, TimeSpan.Zero);

    public static readonly Uri UnsubscribeUrl = new("https://example.org/api/public/unsubscribe?token=AQE&kategori=nyhedsbrev");

    /// <summary>A renderer over <paramref name="root"/> (default: the repository's templates), as AddOutreachCampaignRendering builds it.</summary>
    public static ScribanCampaignRenderer Renderer(string? root = null) =>
        new(Options.Create(new TemplateOptions { Path = root ?? RepositoryFiles.TemplatesFolder }), new FakeTimeProvider(Now), NullLogger<ScribanCampaignRenderer>.Instance);

    public static DistrictOptions District(string code) => LetterSamples.District(code);

    public static Campaign Campaign(CampaignContent content, OptOutCategory category = OptOutCategory.Campaigns, string district = "storkobenhavn") => new()
    {
        Id = "c-" + Guid.NewGuid().ToString("N"),
        Kind = content.Sections.Count > 0 ? CampaignKind.Newsletter : CampaignKind.Campaign,
        District = district,
        Name = "Test",
        Month = content.Sections.Count > 0 ? "2027-02" : null,
        Category = category,
        Content = content,
        Audience = new CampaignAudience(),
        CreatedBy = "anna",
        CreatedAt = Now,
    };

    public static CampaignContent Markdown(string markdown, bool signedByChair = false, string subject = "Invitation til møde") =>
        new() { Subject = subject, Markdown = markdown, SignedByChair = signedByChair };

    public static CampaignContent Newsletter(bool signedByChair = false) => new()
    {
        Subject = "Nyhedsbrev februar 2027",
        Title = "Nyhedsbrev februar 2027",
        Intro = "Her er månedens **nyt** fra kredsen.",
        Sections =
        [
            new ContentSection("Nyt om overenskomsten", "Forhandlingerne er i gang. Læs mere på [vores side](https://example.org/ok27)."),
            new ContentSection("Tak for medlemskabet", "Som medlem får du rabat på temadagen.", SectionAudience.Members),
            new ContentSection("Bliv medlem", "Meld dig ind på [example.org](https://example.org/bliv-medlem).", SectionAudience.NonMembers),
        ],
        SignedByChair = signedByChair,
    };
}
