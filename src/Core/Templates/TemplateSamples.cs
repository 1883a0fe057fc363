using Outreach.Core.Districts;
using Outreach.Core.PrintLetters;

namespace Outreach.Core.Templates;

/// <summary>
/// Sample values for checking templates at start: a district and recipients with every optional value set and with
/// none, and each follow-up number, so that both sides of the usual conditions run once before any real letter.
/// </summary>
internal static class TemplateSamples
{
    public static DistrictOptions District(string folder)
    {
        var district = new DistrictOptions
        {
            Code = folder,
            DisplayName = "Socialpædagogerne Eksempel",
            LeaderSectionName = "Ledersektionen i Eksempel",
            JoinUrl = "https://example.org/bliv-medlem",
            TemplateFolder = folder,
            Chair = new ChairOptions { Name = "Lene Eksempel", Title = "Formand", SignatureImageUrl = "https://example.org/signatur.png" },
            Secretariat = new SecretariatOptions { Name = "Ledersekretariatet", Email = "ledere@example.org", Phone = "12 34 56 78", Address = "Vej 1\n1000 By" },
        };
        district.Municipalities.Add("Eksempel Kommune");
        return district;
    }

    public static IEnumerable<LetterModel> Models()
    {
        var full = new LetterModel
        {
            RecipientName = "Signe Eksempel",
            RecipientEmail = "signe@example.org",
            JobTitle = "Leder",
            Workplace = "Bostedet",
            Municipality = "Eksempel Kommune",
            HireDate = new DateOnly(2027, 2, 1),
            LetterDate = new DateOnly(2027, 2, 1),
            UnsubscribeUrl = new Uri("https://example.org/afmeld?token=x"),
        };
        yield return full;
        yield return full with { FollowUpNumber = 1 };
        yield return full with { FollowUpNumber = 2 };
        yield return full with { JobTitle = null, Workplace = null, Municipality = null, HireDate = null };
    }

    public static PrintLetter PrintLetter(string folder) =>
        new(folder, "l0", "welcome", "Signe Eksempel", "Bostedet", "Eksempel Kommune", "Velkommen", "<p>Kære Signe</p>");
}
