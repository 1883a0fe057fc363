using AngleSharp.Html.Parser;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.CampaignRendering;

/// <summary>What staff type into a campaign cannot become markup, script, a dangerous link, template code or a substitution tag.</summary>
public sealed class HostileMarkdownTests
{
    private static readonly ScribanCampaignRenderer Renderer = CampaignRenderingSamples.Renderer();

    public static TheoryData<string, string> Inert() => new()
    {
        { "script", "<script>alert(1)</script>" },
        { "raw-html-block", "<div onclick=\"alert(1)\">klik</div>" },
        { "raw-html-inline", "Hej <img src=x onerror=alert(1)> med dig" },
        { "iframe", "<iframe src=\"https://evil.example\"></iframe>" },
        { "javascript-link", "[klik her](javascript:alert(1))" },
        { "javascript-mixed-case", "[klik her](JaVaScRiPt:alert(1))" },
        { "javascript-entity", "[klik her](java&#115;cript:alert(1))" },
        { "javascript-autolink", "<javascript:alert(1)>" },
        { "javascript-reference", "[klik her][r]\n\n[r]: javascript:alert(1)" },
        { "data-link", "[klik her](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
        { "data-image", "![billede](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)" },
        { "relative-link", "[klik her](/api/staff/campaigns)" },
        { "vbscript-link", "[klik her](vbscript:msgbox(1))" },
        { "file-image", "![billede](file:///etc/passwd)" },
        { "mailto-image", "![billede](mailto:x@example.org)" },
    };

    [Theory]
    [MemberData(nameof(Inert))]
    public void Render_HostileMarkdown_HasNoScriptNoHandlerAndOnlySafeAddresses(string name, string markdown)
    {
        Assert.NotNull(name);

        var rendered = Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Markdown(markdown)), CampaignVariant.All);

        var document = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Empty(document.QuerySelectorAll("script, iframe, div[onclick]"));
        Assert.DoesNotContain(document.All, element => element.Attributes.Any(attribute => attribute.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.All(document.QuerySelectorAll("[href]"), element => Assert.True(IsSafeLink(element.GetAttribute("href")!), element.GetAttribute("href")));
        Assert.All(document.QuerySelectorAll("[src]"), element => Assert.StartsWith("https://", element.GetAttribute("src")!, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_RawHtml_IsShownAsText()
    {
        var rendered = Render("Før <script>alert(1)</script> efter\n\n<div>blok</div>");

        var body = new HtmlParser().ParseDocument(rendered.Html).Body!.TextContent;
        Assert.Contains("Før <script>alert(1)</script> efter", body, StringComparison.Ordinal);
        Assert.Contains("<div>blok</div>", body, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", rendered.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RefusedLink_KeepsItsTextWithoutTheAddress()
    {
        var rendered = Render("Læs [vores side](javascript:alert(1)) og ![et billede](data:image/png;base64,AAAA).");

        Assert.Contains("Læs vores side og et billede.", new HtmlParser().ParseDocument(rendered.Html).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", rendered.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", rendered.Html, StringComparison.Ordinal);
        Assert.Contains("Læs vores side og et billede.", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", rendered.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_HttpHttpsAndMailtoLinks_AreKept()
    {
        var rendered = Render("[A](https://example.org/a?x=1&y=2) [B](http://example.org/b) [C](mailto:ledere@example.org) ![D](https://example.org/d.png)");

        var document = new HtmlParser().ParseDocument(rendered.Html);
        var hrefs = document.QuerySelectorAll("a[href]").Select(link => link.GetAttribute("href")).ToList();
        Assert.Contains("https://example.org/a?x=1&y=2", hrefs);
        Assert.Contains("http://example.org/b", hrefs);
        Assert.Contains("mailto:ledere@example.org", hrefs);
        Assert.Contains(document.QuerySelectorAll("img"), image => image.GetAttribute("src") == "https://example.org/d.png" && image.GetAttribute("alt") == "D");
    }

    [Theory]
    [InlineData("{{ recipient.name }}")]
    [InlineData("{{ include 'campaign.html.sbn' }}")]
    [InlineData("{{ chair.name }}{% raw %}")]
    public void Render_ScribanInMarkdown_IsTextNotCode(string markdown)
    {
        var rendered = Render("Se her: " + markdown);

        Assert.Contains("Se her: " + markdown, new HtmlParser().ParseDocument(rendered.Html).Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Se her: " + markdown, rendered.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[%navn-html%]")]
    [InlineData("[%navn-tekst%]")]
    [InlineData("[%afmeld-html%]")]
    [InlineData("[%afmeld-tekst%]")]
    [InlineData("&#91;%navn-tekst%]")]
    [InlineData("\\[%navn-tekst%]")]
    [InlineData("[[%navn-tekst%]](https://example.org/[%afmeld-tekst%])")]
    public void Render_ForgedTagInMarkdown_IsShownButNeverSubstituted(string forged)
    {
        var rendered = Render("Hej " + forged, subject: "Emne " + forged);

        // Exactly the layout's own tags: the greeting's name and the footer's link, once in each part.
        Assert.Equal(1, Count(rendered.Html, RecipientTags.NameHtml));
        Assert.Equal(1, Count(rendered.Html, RecipientTags.UnsubscribeUrlHtml));
        Assert.Equal(0, Count(rendered.Html, RecipientTags.NameText));
        Assert.Equal(0, Count(rendered.Html, RecipientTags.UnsubscribeUrlText));
        Assert.Equal(1, Count(rendered.Text, RecipientTags.NameText));
        Assert.Equal(1, Count(rendered.Text, RecipientTags.UnsubscribeUrlText));
        Assert.Equal(0, Count(rendered.Text, RecipientTags.NameHtml));
        Assert.Equal(0, Count(rendered.Text, RecipientTags.UnsubscribeUrlHtml));
        Assert.All(RecipientTags.All, tag => Assert.DoesNotContain(tag, rendered.Subject, StringComparison.Ordinal));

        // What SendGrid would do with a hostile name: the staff's text stays as written, the name lands only where escaped.
        var substitutions = RecipientTags.Substitutions("<b>Mallory</b>", CampaignRenderingSamples.UnsubscribeUrl);
        var html = RecipientTags.Fill(rendered.Html, substitutions);
        var document = new HtmlParser().ParseDocument(html);
        Assert.Empty(document.QuerySelectorAll("b"));
        Assert.Contains("Kære <b>Mallory</b>,", document.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("[%", document.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Hej <b>Mallory</b>", document.Body.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Hej Mallory", RecipientTags.Fill(rendered.Text, substitutions), StringComparison.Ordinal);
        Assert.DoesNotContain("Mallory", RecipientTags.Fill(rendered.Subject, substitutions), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ForgedTagInNewsletterHeadingAndTitle_IsNeverSubstituted()
    {
        var content = CampaignRenderingSamples.Newsletter() with
        {
            Subject = "Nyt [%navn-tekst%]",
            Title = "Nyt [%navn-tekst%]",
            Sections = [new Outreach.Core.Campaigns.ContentSection("Til [%navn-tekst%]", "Tekst [%afmeld-html%]")],
        };

        var rendered = Renderer.Render(CampaignRenderingSamples.District("nordjylland"), CampaignRenderingSamples.Campaign(content, OptOutCategory.Newsletter, "nordjylland"), CampaignVariant.All);

        Assert.Equal(0, Count(rendered.Html, RecipientTags.NameText));
        Assert.Equal(1, Count(rendered.Html, RecipientTags.UnsubscribeUrlHtml));
        Assert.Equal(1, Count(rendered.Text, RecipientTags.NameText));
        Assert.Equal(0, Count(rendered.Text, RecipientTags.UnsubscribeUrlHtml));
        Assert.DoesNotContain(RecipientTags.NameText, rendered.Subject, StringComparison.Ordinal);
    }

    private static RenderedVariant Render(string markdown, string subject = "Invitation til møde") =>
        Renderer.Render(CampaignRenderingSamples.District("storkobenhavn"), CampaignRenderingSamples.Campaign(CampaignRenderingSamples.Markdown(markdown, subject: subject)), CampaignVariant.All);

    private static bool IsSafeLink(string href) =>
        href == RecipientTags.UnsubscribeUrlHtml
        || href.StartsWith("https://", StringComparison.Ordinal)
        || href.StartsWith("http://", StringComparison.Ordinal)
        || href.StartsWith("mailto:", StringComparison.Ordinal);

    private static int Count(string text, string tag)
    {
        var count = 0;
        for (var index = text.IndexOf(tag, StringComparison.Ordinal); index >= 0; index = text.IndexOf(tag, index + tag.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
