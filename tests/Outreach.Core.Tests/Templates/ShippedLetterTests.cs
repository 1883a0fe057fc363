using AngleSharp.Html.Parser;
using Outreach.Core.Letters;
using Outreach.Core.Templates;

namespace Outreach.Core.Tests.Templates;

/// <summary>The letters in the repository's templates/ folder, rendered for the shipped districts.</summary>
public sealed class ShippedLetterTests
{
    private static readonly ScribanLetterRenderer Renderer = LetterSamples.Renderer();

    public static TheoryData<string, string, int> Letters()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var district in new[] { "storkobenhavn", "nordjylland" })
        {
            data.Add(district, WelcomeService.MemberTemplate, 0);
            data.Add(district, WelcomeService.NonMemberTemplate, 0);
            data.Add(district, FollowUpService.Template, 1);
            data.Add(district, FollowUpService.Template, 2);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Letters))]
    public void Render_ShippedLetter_HasSubjectSignatureContactsAndUnsubscribeLinkInBothParts(string code, string template, int followUp)
    {
        var district = LetterSamples.District(code);

        var letter = Renderer.Render(district, template, LetterSamples.Recipient(followUpNumber: followUp));

        Assert.False(string.IsNullOrWhiteSpace(letter.Subject));
        Assert.DoesNotContain('\n', letter.Subject);
        var document = new HtmlParser().ParseDocument(letter.Html);
        Assert.Equal("da", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(letter.Subject, document.Title);
        var body = document.Body!.TextContent;
        foreach (var part in new[] { body, letter.Text })
        {
            Assert.Contains("Kære Signe", part, StringComparison.Ordinal);
            Assert.Contains(district.Chair.Name, part, StringComparison.Ordinal);
            Assert.Contains(district.Chair.Title, part, StringComparison.Ordinal);
            Assert.Contains(district.Secretariat.Email, part, StringComparison.Ordinal);
            Assert.Contains(district.Secretariat.Phone, part, StringComparison.Ordinal);
            Assert.Contains("3. december 2026", part, StringComparison.Ordinal);
        }

        Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == LetterSamples.UnsubscribeUrl.AbsoluteUri);
        Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == "mailto:" + district.Secretariat.Email);
        Assert.Contains(LetterSamples.UnsubscribeUrl.AbsoluteUri, letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", letter.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", letter.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("storkobenhavn")]
    [InlineData("nordjylland")]
    public void Render_MemberAndNonMemberWelcome_DifferAndOnlyTheNonMemberIsInvitedToJoin(string code)
    {
        var district = LetterSamples.District(code);

        var member = Renderer.Render(district, WelcomeService.MemberTemplate, LetterSamples.Recipient());
        var nonMember = Renderer.Render(district, WelcomeService.NonMemberTemplate, LetterSamples.Recipient());

        Assert.NotEqual(member.Subject, nonMember.Subject);
        Assert.NotEqual(member.Text, nonMember.Text);
        Assert.Contains("allerede er medlem", member.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(district.JoinUrl, member.Text, StringComparison.Ordinal);
        Assert.Contains(district.JoinUrl, nonMember.Text, StringComparison.Ordinal);
        var joinLinks = new HtmlParser().ParseDocument(nonMember.Html).QuerySelectorAll("a[href]").Where(link => link.GetAttribute("href") == district.JoinUrl);
        Assert.Equal("Bliv medlem", Assert.Single(joinLinks).TextContent);
        foreach (var offer in new[] { "Lederforeningen", "Netværk", "Kurser", "Juridisk rådgivning", "Løn- og ansættelsesvilkår" })
        {
            Assert.Contains(offer, member.Text, StringComparison.Ordinal);
            Assert.Contains(offer, nonMember.Text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(WelcomeService.MemberTemplate)]
    [InlineData(WelcomeService.NonMemberTemplate)]
    public void Render_Nordjylland_HasItsOwnWelcomeWording(string template)
    {
        var copenhagen = Renderer.Render(LetterSamples.District("storkobenhavn"), template, LetterSamples.Recipient());
        var north = Renderer.Render(LetterSamples.District("nordjylland"), template, LetterSamples.Recipient());

        Assert.NotEqual(copenhagen.Subject.Replace("Storkøbenhavn", "Nordjylland", StringComparison.Ordinal), north.Subject);
        Assert.Contains("Nordjylland", north.Text, StringComparison.Ordinal);
        Assert.Contains("Socialpædagogerne Storkøbenhavn", copenhagen.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Storkøbenhavn", north.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WelcomeMember_SubjectComesFromTheTemplate()
    {
        var letter = Renderer.Render(LetterSamples.District("storkobenhavn"), WelcomeService.MemberTemplate, LetterSamples.Recipient());

        Assert.Equal("Velkommen som ny leder, Signe – en hilsen fra Socialpædagogerne Storkøbenhavn", letter.Subject);
    }

    [Fact]
    public void Render_FollowUps_FirstAndSecondDiffer()
    {
        var district = LetterSamples.District("storkobenhavn");

        var first = Renderer.Render(district, FollowUpService.Template, LetterSamples.Recipient(followUpNumber: 1));
        var second = Renderer.Render(district, FollowUpService.Template, LetterSamples.Recipient(followUpNumber: 2));

        Assert.Equal("Har du tænkt over et medlemskab, Signe?", first.Subject);
        Assert.Equal("Døren står stadig åben, Signe", second.Subject);
        Assert.Contains("sidste gang", second.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sidste gang", first.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HireDate_IsWrittenInDanish()
    {
        var letter = Renderer.Render(LetterSamples.District("nordjylland"), WelcomeService.NonMemberTemplate, LetterSamples.Recipient());

        Assert.Contains("fra den 18. november 2026", letter.Text, StringComparison.Ordinal);
        Assert.Contains("fra den 18. november 2026", new HtmlParser().ParseDocument(letter.Html).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("storkobenhavn", WelcomeService.MemberTemplate)]
    [InlineData("nordjylland", WelcomeService.NonMemberTemplate)]
    public void Render_LetterDateAndHireDate_AreWrittenInDanish(string code, string template)
    {
        var model = LetterSamples.Recipient() with { LetterDate = new DateOnly(2027, 2, 1), HireDate = new DateOnly(2027, 5, 17) };

        var letter = Renderer.Render(LetterSamples.District(code), template, model);

        var html = new HtmlParser().ParseDocument(letter.Html).Body!.TextContent;
        foreach (var part in new[] { html, letter.Text })
        {
            Assert.Contains("1. februar 2027", part, StringComparison.Ordinal);
            Assert.Contains("den 17. maj 2027", part, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_NoWorkplaceNorHireDate_LeavesTheClausesOut()
    {
        var model = LetterSamples.Recipient() with { Workplace = null, HireDate = null, JobTitle = null, Municipality = null };

        var letter = Renderer.Render(LetterSamples.District("storkobenhavn"), WelcomeService.MemberTemplate, model);

        Assert.Contains("Tillykke med dit nye lederjob. På vegne af", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ScriptInName_IsTextInTheHtmlAndPlainInTheText()
    {
        const string Name = "<script>alert(1)</script> Ærø & Co";

        var letter = Renderer.Render(LetterSamples.District("storkobenhavn"), WelcomeService.NonMemberTemplate, LetterSamples.Recipient(Name));

        var document = new HtmlParser().ParseDocument(letter.Html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("Kære <script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", letter.Html, StringComparison.Ordinal);
        Assert.Contains("Kære <script>alert(1)</script>", letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&lt;", letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", letter.Text, StringComparison.Ordinal);
        Assert.StartsWith("Velkommen som ny leder, <script>alert(1)</script> –", letter.Subject, StringComparison.Ordinal);
        Assert.Equal(letter.Subject, document.Title);
    }

    [Fact]
    public void Render_QuoteInWorkplace_CannotBreakOutOfAnAttributeOrTheText()
    {
        var model = LetterSamples.Recipient() with { Workplace = "Bostedet \"Åen\" & <b>Søen</b>" };

        var letter = Renderer.Render(LetterSamples.District("storkobenhavn"), WelcomeService.MemberTemplate, model);

        var document = new HtmlParser().ParseDocument(letter.Html);
        Assert.Empty(document.QuerySelectorAll("td b"));
        Assert.Contains("på Bostedet \"Åen\" & <b>Søen</b>", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("på Bostedet \"Åen\" & <b>Søen</b>", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_DanishLetters_AreWrittenAsThemselves()
    {
        var letter = Renderer.Render(LetterSamples.District("nordjylland"), WelcomeService.MemberTemplate, LetterSamples.Recipient("Søren Ærbø"));

        Assert.Contains("Kære Søren", letter.Html, StringComparison.Ordinal);
        Assert.Contains("Løn- og ansættelsesvilkår", letter.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Render_ManyThreadsAtOnce_AllGetTheSameLetter()
    {
        var renderer = LetterSamples.Renderer();
        var district = LetterSamples.District("nordjylland");

        var letters = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => renderer.Render(district, FollowUpService.Template, LetterSamples.Recipient(followUpNumber: 1)))));

        Assert.Single(letters.Distinct());
    }
}
