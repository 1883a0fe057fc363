using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.PrintLetters;
using Outreach.Core.Templates;

namespace Outreach.Core.Tests.Templates;

/// <summary>The shipped districts and templates, and a recipient, as the letter tests use them.</summary>
internal static class LetterSamples
{
    public static readonly Uri UnsubscribeUrl = new("http://localhost:7071/api/public/unsubscribe?token=AQEabc-_123");

    public static IDistrictCatalog Districts { get; } =
        new ServiceCollection().AddOutreachDistricts(RepositoryFiles.DistrictsConfiguration()).BuildServiceProvider().GetRequiredService<IDistrictCatalog>();

    public static LetterModel Recipient(string name = "Signe Løvgreen Holm", int followUpNumber = 0) => new()
    {
        RecipientName = name,
        RecipientEmail = "signe.holm@example.org",
        JobTitle = "Pædagogisk leder",
        Workplace = "Aktivitetshuset Strandmøllen",
        Municipality = "Gentofte",
        HireDate = new DateOnly(2026, 11, 18),
        LetterDate = new DateOnly(2026, 12, 3),
        UnsubscribeUrl = UnsubscribeUrl,
        FollowUpNumber = followUpNumber,
    };

    /// <summary>A renderer over <paramref name="root"/>, as AddOutreachTemplates builds it.</summary>
    public static ScribanLetterRenderer Renderer(string? root = null) =>
        new(Options.Create(new TemplateOptions { Path = root ?? RepositoryFiles.TemplatesFolder }), NullLogger<ScribanLetterRenderer>.Instance);

    /// <summary>Print pages from the shipped templates for the districts of <paramref name="districts"/>.</summary>
    public static IPrintPageRenderer PrintPages(IDistrictCatalog? districts = null, string? root = null) =>
        new ScribanPrintPageRenderer(Renderer(root), districts ?? Districts);

    public static DistrictOptions District(string code) => Districts.GetRequired(code);
}
