using Outreach.Core.Email;

namespace Outreach.Core.Tests.Email;

/// <summary>Letters as the welcome flow produces them: Danish text, the chair as sender, a personal unsubscribe link.</summary>
internal static class MailSamples
{
    public const string DanishLetters = "æøå ÆØÅ";

    public static OutgoingMail MemberWelcome(string deliveryKey = "welcome:l0123456789abcdef0123") => new()
    {
        From = new EmailAddress("leder@storkobenhavn.example.dk", "Socialpædagogerne Storkøbenhavn"),
        ReplyTo = new EmailAddress("ledersekretariatet@storkobenhavn.example.dk", "Ledersekretariatet"),
        To = new EmailAddress("soeren.aeroe@example.dk", "Søren Ærø Åberg"),
        Subject = "Velkommen som leder, Søren – Lederforeningen i Storkøbenhavn",
        TextBody = "Kære Søren Ærø Åberg\n\nVelkommen som leder på Børnehuset Ølstykke. Vi glæder os til at møde dig.\n" +
                   "Særlige tegn: " + DanishLetters + "\n\nMed venlig hilsen\nMette Østergaard\nFormand for ledersektionen\n",
        HtmlBody = "<!DOCTYPE html><html lang=\"da\"><body><p>Kære Søren Ærø Åberg</p>" +
                   "<p>Velkommen som leder på <strong>Børnehuset Ølstykke</strong>. Særlige tegn: " + DanishLetters + "</p>" +
                   "<p><a href=\"https://outreach.example.dk/api/public/unsubscribe?token=abc\">Afmeld</a></p></body></html>",
        DeliveryKey = deliveryKey,
        Categories = ["outreach", "welcome", "storkobenhavn"],
        UnsubscribeUrl = new Uri("https://outreach.example.dk/api/public/unsubscribe?token=eyJkIjoic3RvcmtvYmVuaGF2biJ9.c2lnbmF0dXJl"),
    };

    public static OutgoingMail NonMemberWelcome() => MemberWelcome("welcome:lfedcba9876543210fedc") with
    {
        To = new EmailAddress("aase.oeberg@example.dk", "Åse Øberg"),
        Subject = "Velkommen som leder – bliv medlem af Socialpædagogerne",
        TextBody = "Kære Åse Øberg\n\nSom ny leder får du mest ud af fællesskabet som medlem: rådgivning, kurser og netværk.\n" +
                   "Meld dig ind på socialpaedagogerne.dk/bliv-medlem.\n\nMed venlig hilsen\nMette Østergaard\n",
        HtmlBody = "<p>Kære Åse Øberg</p><p>Som ny leder får du mest ud af fællesskabet som <em>medlem</em>.</p>" +
                   "<p><a href=\"https://socialpaedagogerne.dk/bliv-medlem\">Bliv medlem</a></p>",
        Categories = ["outreach", "welcome", "storkobenhavn", "nonmember"],
    };
}
