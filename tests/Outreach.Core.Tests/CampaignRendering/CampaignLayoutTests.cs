using System.Diagnostics;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;
using Xunit.Abstractions;

namespace Outreach.Core.Tests.CampaignRendering;

/// <summary>The shipped campaign and newsletter layouts: variants, tags, signature, footer per category, text part, dates.</summary>
public sealed partial class CampaignLayoutTests(ITestOutputHelper output)
{
    private static readonly ScribanCampaignRenderer Renderer = CampaignRenderingSamples.Renderer();

    [Theory]
    [InlineData("storkobenhavn")]
    [InlineData("nordjylland")]
    public void Render_MembersVariant_HasTheMembersSectionAndNotTheNonMembersOne(string code)
    {
        var campaign = CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Newsletter(), OptOutCategory.Newsletter, code);

        var members = Renderer.Render(CampaignRenderingSamples.District(code), campaign, CampaignVariant.Members);
        var nonMembers = Renderer.Render(CampaignRenderingSamples.District(code), campaign, CampaignVariant.NonMembers);
        var unknown = Renderer.Render(CampaignRenderingSamples.District(code), campaign, CampaignVariant.Unknown);

        Assert.Equal(CampaignVariant.Members, members.Variant);
        foreach (var part in new[] { Headings(members.Html), members.Text })
        {
            Assert.Contains("Nyt om overenskomsten", part, StringComparison.Ordinal);
            Assert.Contains("Tak for medlemskabet", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Bliv medlem", part, StringComparison.Ordinal);
        }

        Assert.Contains("Bliv medlem", Headings(nonMembers.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("Tak for medlemskabet", nonMembers.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rabat", nonMembers.Text, StringComparison.Ordinal);
        Assert.Contains("Nyt om overenskomsten", unknown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tak for medlemskabet", unknown.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bliv medlem", Headings(unknown.Html), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Newsletter_HasTitleMonthIntroAndSectionHeadings()
    {
        var campaign = CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Newsletter(), OptOutCategory.Newsletter);

        var rendered = Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), campaign, CampaignVariant.Members);

        var document = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Equal("Nyhedsbrev februar 2027", document.QuerySelector("h1")!.TextContent);
        Assert.Equal(["Nyt om overenskomsten", "Tak for medlemskabet"], document.QuerySelectorAll("h2").Select(heading => heading.TextContent));
        Assert.Equal("nyt", document.QuerySelector("strong")!.TextContent);
        Assert.Contains("Februar 2027", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Nyhedsbrev februar 2027", rendered.Subject);
        Assert.Contains("Nyhedsbrev februar 2027\nFebruar 2027\n", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Her er månedens nyt fra kredsen.", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Nyt om overenskomsten\n\nForhandlingerne er i gang. Læs mere på vores side (https://example.org/ok27).", rendered.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_EveryPart_CarriesTheNameAndUnsubscribeTagsAndNoRecipientValue(bool newsletter)
    {
        var content = newsletter ? CampaignRenderingSamples.Newsletter() : CampaignRenderingSamples.Markdown("Vi ses.");

        var rendered = Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), CampaignRenderingSamples.Campaign(content), CampaignVariant.All);

        var document = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Contains("Kære " + RecipientTags.NameHtml + ",", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == RecipientTags.UnsubscribeUrlHtml);
        Assert.Contains("href=\"" + RecipientTags.UnsubscribeUrlHtml + "\"", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Kære " + RecipientTags.NameText + ",", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(RecipientTags.UnsubscribeUrlText, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(RecipientTags.NameText, rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(RecipientTags.NameHtml, rendered.Text, StringComparison.Ordinal);

        // Nothing of a recipient is in a render (it never sees one), and no internal stand-in is left behind.
        Assert.DoesNotContain("rcpt", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("rcpt", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("unsubscribe?token", rendered.Html, StringComparison.Ordinal);

        // Filled per recipient, both parts read right: the name escaped in HTML only, the link in both.
        var filled = RecipientTags.Substitutions("Åse & Bo", CampaignRenderingSamples.UnsubscribeUrl);
        var html = new HtmlParser().ParseDocument(RecipientTags.Fill(rendered.Html, filled));
        Assert.Contains("Kære Åse & Bo,", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(html.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == CampaignRenderingSamples.UnsubscribeUrl.AbsoluteUri);
        var text = RecipientTags.Fill(rendered.Text, filled);
        Assert.Contains("Kære Åse & Bo,", text, StringComparison.Ordinal);
        Assert.Contains(CampaignRenderingSamples.UnsubscribeUrl.AbsoluteUri, text, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlEscape_RecipientTags_LeavesThemIntact()
    {
        Assert.All(RecipientTags.All, tag => Assert.Equal(tag, HtmlText.Escape(tag)));
        Assert.All(RecipientTags.All, tag => Assert.Matches("^\\[%[a-z-]+%\\]$", tag));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Render_SignedByChair_HasTheChairsSignatureOnlyWhenSigned(bool newsletter)
    {
        var district = WithSignatureImage(CampaignRenderingSamples.District("nordjylland"));
        CampaignContent Content(bool byChair) => newsletter ? CampaignRenderingSamples.Newsletter(byChair) : CampaignRenderingSamples.Markdown("Vi ses.", byChair);

        var signed = Renderer.Render(district, CampaignRenderingSamples.Campaign(Content(true)), CampaignVariant.All);
        var unsigned = Renderer.Render(district, CampaignRenderingSamples.Campaign(Content(false)), CampaignVariant.All);

        foreach (var part in new[] { new HtmlParser().ParseDocument(signed.Html).Body!.TextContent, signed.Text })
        {
            Assert.Contains("Mange venlige hilsner", part, StringComparison.Ordinal);
            Assert.Contains("Poul Erik Bundgaard", part, StringComparison.Ordinal);
            Assert.Contains("Formand for ledersektionen, Socialpædagogerne Nordjylland", part, StringComparison.Ordinal);
        }

        Assert.Contains(new HtmlParser().ParseDocument(signed.Html).QuerySelectorAll("img"), image => image.GetAttribute("src") == district.Chair.SignatureImageUrl);
        foreach (var part in new[] { new HtmlParser().ParseDocument(unsigned.Html).Body!.TextContent, unsigned.Text })
        {
            Assert.DoesNotContain("Poul Erik Bundgaard", part, StringComparison.Ordinal);
            Assert.DoesNotContain("Mange venlige hilsner", part, StringComparison.Ordinal);
            Assert.Contains("Med venlig hilsen", part, StringComparison.Ordinal);
            Assert.Contains("Ledersektionen i Socialpædagogerne Nordjylland", part, StringComparison.Ordinal);
        }

        Assert.Empty(new HtmlParser().ParseDocument(unsigned.Html).QuerySelectorAll("img"));
    }

    [Theory]
    [InlineData(OptOutCategory.Newsletter, "Du modtager dette nyhedsbrev", "Afmeld nyhedsbrevet", "Afmeld kampagner")]
    [InlineData(OptOutCategory.Campaigns, "Du modtager denne mail", "Afmeld kampagner", "Afmeld nyhedsbrevet")]
    public void Render_Category_HasItsOwnUnsubscribeWording(OptOutCategory category, string reason, string linkText, string otherLinkText)
    {
        foreach (var content in new[] { CampaignRenderingSamples.Newsletter(), CampaignRenderingSamples.Markdown("Vi ses.") })
        {
            var rendered = Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), CampaignRenderingSamples.Campaign(content, category), CampaignVariant.All);

            var document = new HtmlParser().ParseDocument(rendered.Html);
            var link = Assert.Single(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == RecipientTags.UnsubscribeUrlHtml);
            Assert.Equal(linkText, link.TextContent);
            Assert.Contains(reason, document.Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains(linkText + ": " + RecipientTags.UnsubscribeUrlText, rendered.Text, StringComparison.Ordinal);
            Assert.Contains(reason, rendered.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(otherLinkText, rendered.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(otherLinkText, rendered.Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_TextPart_HasNoHtmlNoEntitiesAndNoMarkdownSyntax()
    {
        var markdown = """
            # Årsmøde & fest

            Vi ses hos **Ærø & Co** – *husk* [tilmelding](https://example.org/tilmeld?a=1&b=2).

            - Mad
            - Musik

            1. Først
            2. Så
            """;
        var content = CampaignRenderingSamples.Markdown(markdown, signedByChair: true, subject: "Fest & \"årsmøde\" <nu>");

        var rendered = Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), CampaignRenderingSamples.Campaign(content), CampaignVariant.All);

        Assert.DoesNotMatch(HtmlTag(), rendered.Text);
        Assert.DoesNotMatch(Entity(), rendered.Text);
        Assert.DoesNotContain("**", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("](", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("# ", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("\nÅrsmøde & fest\n", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("Vi ses hos Ærø & Co – husk tilmelding (https://example.org/tilmeld?a=1&b=2).", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("- Mad\n- Musik", rendered.Text, StringComparison.Ordinal);
        Assert.Contains("1. Først\n2. Så", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", rendered.Text, StringComparison.Ordinal);
        Assert.Equal("Fest & \"årsmøde\" <nu>", rendered.Subject);
        var document = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Equal("Fest & \"årsmøde\" <nu>", document.Title);
        Assert.Equal("Årsmøde & fest", document.QuerySelector("h2")!.TextContent);
        Assert.Equal("Ærø & Co", document.QuerySelector("strong")!.TextContent);
    }

    [Fact]
    public void Render_Dates_AreDanishAndCopenhagenTime()
    {
        var campaign = CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Markdown("Vi ses."));

        var rendered = Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), campaign, CampaignVariant.All);

        Assert.Contains("1. februar 2027", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("1. februar 2027", rendered.Text, StringComparison.Ordinal);
        Assert.Equal("januar 2027", CampaignTemplateView.DanishMonth("2027-01"));
        Assert.Null(CampaignTemplateView.DanishMonth("2027-13"));
    }

    [Fact]
    public void Render_HostileDistrictValues_AreEscapedInHtmlAndPlainInText()
    {
        const string Hostile = "<script>alert(1)</script> & \"Co\"";
        var district = new DistrictOptions
        {
            Code = "storkobenhavn",
            DisplayName = Hostile,
            LeaderSectionName = Hostile,
            Chair = new ChairOptions { Name = Hostile, Title = Hostile, Closing = Hostile, SignatureImageUrl = "\"><script>alert(1)</script>" },
            Secretariat = new SecretariatOptions { Name = Hostile, Email = Hostile, Phone = Hostile, Address = Hostile },
        };

        var rendered = Renderer.Render(district, CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Newsletter(signedByChair: true)), CampaignVariant.Members);

        var document = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains(Hostile, document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains(Hostile, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("&amp;", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OneVariantOfARealisticNewsletter_TakesMilliseconds()
    {
        var district = CampaignRenderingSamples.District("storkobenhavn");
        var sections = Enumerable.Range(1, 8).Select(index => new ContentSection($"Afsnit {index}", string.Concat(Enumerable.Repeat($"Et afsnit med **fed** tekst og et [link](https://example.org/{index}).\n\n- punkt\n- punkt\n\n", 10)), (SectionAudience)(index % 3))).ToList();
        var campaign = CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Newsletter() with { Sections = sections }, OptOutCategory.Newsletter);
        Renderer.Render(district, campaign, CampaignVariant.Members);
        const int Renders = 50;

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Renders; i++)
        {
            Renderer.Render(district, campaign, CampaignVariant.Members);
        }

        watch.Stop();
        var perVariant = watch.Elapsed / Renders;
        output.WriteLine($"One variant ({campaign.Content.Sections.Sum(section => section.Markdown.Length)} characters of Markdown): {perVariant.TotalMilliseconds:0.00} ms");
        Assert.True(perVariant < TimeSpan.FromMilliseconds(250), $"{perVariant.TotalMilliseconds} ms per variant");
    }

    private static string Headings(string html) =>
        string.Join("\n", new HtmlParser().ParseDocument(html).QuerySelectorAll("h1, h2, h3").Select(heading => heading.TextContent));

    private static DistrictOptions WithSignatureImage(DistrictOptions shipped)
    {
        var district = new DistrictOptions
        {
            Code = shipped.Code,
            DisplayName = shipped.DisplayName,
            LeaderSectionName = shipped.LeaderSectionName,
            TemplateFolder = shipped.TemplateFolder,
            Chair = new ChairOptions { Name = shipped.Chair.Name, Title = shipped.Chair.Title, Closing = shipped.Chair.Closing, SignatureImageUrl = "https://example.org/underskrift.png" },
            Secretariat = shipped.Secretariat,
        };
        return district;
    }

    [GeneratedRegex("<[a-zA-Z/!]")]
    private static partial Regex HtmlTag();

    [GeneratedRegex("&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);")]
    private static partial Regex Entity();
}
