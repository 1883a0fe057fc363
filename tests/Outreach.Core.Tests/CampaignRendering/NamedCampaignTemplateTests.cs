using AngleSharp.Html.Parser;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Templates;
using Outreach.Core.Tests.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.CampaignRendering;

/// <summary>The shipped named campaign templates, and how named templates are found (district folder first, then shared).</summary>
public sealed class NamedCampaignTemplateTests : IDisposable
{
    private static readonly ScribanCampaignRenderer Renderer = CampaignRenderingSamples.Renderer();

    private readonly ScratchTemplates scratch = new();

    public void Dispose() => scratch.Dispose();

    public static TheoryData<string, string, bool> Shipped()
    {
        var data = new TheoryData<string, string, bool>();
        foreach (var district in new[] { "storkobenhavn", "nordjylland" })
        {
            foreach (var template in new[] { "kommunemode", "arsmode", "valg" })
            {
                data.Add(district, template, true);
                data.Add(district, template, false);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Render_ShippedTemplate_RendersForTheDistrictWithTagsSignatureAndContacts(string code, string template, bool signedByChair)
    {
        var district = CampaignRenderingSamples.District(code);
        var content = new CampaignContent { Subject = "Møde tirsdag den 2. marts 2027 kl. 16 i Aalborg", Template = template, SignedByChair = signedByChair };

        var rendered = Renderer.Render(district, CampaignRenderingSamples.Campaign(content, district: code), CampaignVariant.All);

        Assert.Null(Renderer.Check(district, content));
        Assert.Equal(content.Subject, rendered.Subject);
        var document = new HtmlParser().ParseDocument(rendered.Html);
        Assert.Equal("da", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal(content.Subject, document.Title);
        var body = document.Body!.TextContent;
        foreach (var part in new[] { body, rendered.Text })
        {
            Assert.Contains(district.DisplayName, part, StringComparison.Ordinal);
            Assert.Contains(district.Secretariat.Email, part, StringComparison.Ordinal);
            Assert.Equal(signedByChair, part.Contains(district.Chair.Name, StringComparison.Ordinal));
            Assert.Contains("Afmeld kampagner", part, StringComparison.Ordinal);
        }

        Assert.Contains("Kære " + RecipientTags.NameHtml + ",", body, StringComparison.Ordinal);
        Assert.Contains("Kære " + RecipientTags.NameText + ",", rendered.Text, StringComparison.Ordinal);
        Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == RecipientTags.UnsubscribeUrlHtml);
        Assert.Contains(document.QuerySelectorAll("a[href]"), link => link.GetAttribute("href") == "mailto:" + district.Secretariat.Email);
        Assert.Contains(RecipientTags.UnsubscribeUrlText, rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<", rendered.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", rendered.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TemplateNames_ShippedTemplates_AreTheThreeSamples()
    {
        Assert.Equal(["arsmode", "kommunemode", "valg"], Renderer.TemplateNames("storkobenhavn"));
    }

    [Fact]
    public void Render_DistrictFolderHasTheTemplate_UsesItBeforeTheSharedOne()
    {
        WriteCampaignLayouts();
        scratch.Write("shared/campaigns/invitation.html.sbn", "<p>Delt invitation</p>");
        scratch.Write("shared/campaigns/invitation.text.sbn", "Delt invitation");
        scratch.Write("fyn/campaigns/invitation.html.sbn", "<p>Fynsk invitation til {{ recipient.name }} fra {{ district.name }}</p>");
        scratch.Write("fyn/campaigns/invitation.text.sbn", "Fynsk invitation til {{ recipient.name }}");
        var renderer = CampaignRenderingSamples.Renderer(scratch.Root);
        var content = new CampaignContent { Subject = "Invitation", Template = "invitation" };

        var fyn = renderer.Render(ScratchTemplates.District("fyn"), CampaignRenderingSamples.Campaign(content), CampaignVariant.All);
        var bornholm = renderer.Render(ScratchTemplates.District("bornholm"), CampaignRenderingSamples.Campaign(content), CampaignVariant.All);

        Assert.Contains("<p>Fynsk invitation til " + RecipientTags.NameHtml + " fra Socialpædagogerne fyn</p>", fyn.Html, StringComparison.Ordinal);
        Assert.Contains("Fynsk invitation til " + RecipientTags.NameText, fyn.Text, StringComparison.Ordinal);
        Assert.Contains("<p>Delt invitation</p>", bornholm.Html, StringComparison.Ordinal);
        Assert.Equal(["invitation"], renderer.TemplateNames("fyn"));
    }

    [Theory]
    [InlineData("findes-ikke")]
    [InlineData("../campaign")]
    [InlineData("Arsmode")]
    public void Render_NoSuchTemplate_ThrowsTemplateNotFound(string name)
    {
        var content = new CampaignContent { Subject = "Emne", Template = name };

        var exception = Assert.Throws<TemplateNotFoundException>(() => Renderer.Render(CampaignRenderingSamples.District("nordjylland"), CampaignRenderingSamples.Campaign(content), CampaignVariant.All));

        Assert.Equal("nordjylland", exception.District);
        Assert.Equal(name, exception.TemplateName);
    }

    [Fact]
    public void Check_MissingTemplate_NamesTheTemplateAndTheDistrict()
    {
        var problem = Renderer.Check(CampaignRenderingSamples.District("nordjylland"), new CampaignContent { Subject = "Emne", Template = "sommerfest" });

        Assert.NotNull(problem);
        Assert.Contains("'sommerfest'", problem, StringComparison.Ordinal);
        Assert.Contains("'nordjylland'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidTemplateName_SaysWhatANameMayHold()
    {
        var problem = Renderer.Check(CampaignRenderingSamples.District("nordjylland"), new CampaignContent { Subject = "Emne", Template = "../layout" });

        Assert.Contains("lower-case letters, digits and '-'", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_TemplateThatFailsToRender_ReportsTheTemplateAndTheName()
    {
        WriteCampaignLayouts();
        scratch.Write("shared/campaigns/typo.html.sbn", "<p>{{ recipient.frist_name }}</p>");
        scratch.Write("shared/campaigns/typo.text.sbn", "x");

        var problem = CampaignRenderingSamples.Renderer(scratch.Root).Check(ScratchTemplates.District("fyn"), new CampaignContent { Subject = "Emne", Template = "typo" });

        Assert.NotNull(problem);
        Assert.Contains("'typo'", problem, StringComparison.Ordinal);
        Assert.Contains("frist_name", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100 * 1024, true)]
    [InlineData((100 * 1024) + 1, false)]
    public void Check_MarkdownSize_AllowsUpTo100KilobytesInAll(int bytes, bool allowed)
    {
        // Split over the intro and two sections: the limit is on the total, in UTF-8 bytes ("æ" is two).
        var third = new string('æ', bytes / 6);
        var rest = new string('a', bytes - (3 * third.Length * 2));
        var content = CampaignRenderingSamples.Newsletter() with
        {
            Intro = third,
            Sections = [new ContentSection("En", third), new ContentSection("To", third + rest, SectionAudience.Members)],
        };

        var problem = Renderer.Check(CampaignRenderingSamples.District("storkobenhavn"), content);

        Assert.Equal(allowed, problem is null);
        if (!allowed)
        {
            Assert.Contains("100 KB", problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true, true, false)]
    [InlineData(true, false, true)]
    [InlineData(false, false, false)]
    public void Check_NotExactlyOneBody_SaysSo(bool markdown, bool template, bool sections)
    {
        var content = new CampaignContent
        {
            Subject = "Emne",
            Markdown = markdown ? "Tekst" : null,
            Template = template ? "arsmode" : null,
            Sections = sections ? [new ContentSection("Afsnit", "Tekst")] : [],
        };

        var problem = Renderer.Check(CampaignRenderingSamples.District("storkobenhavn"), content);

        Assert.NotNull(problem);
        Assert.Contains("Markdown, a template name or sections", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_GoodMarkdownAndNewsletter_HaveNoProblem()
    {
        var district = CampaignRenderingSamples.District("storkobenhavn");

        Assert.Null(Renderer.Check(district, CampaignRenderingSamples.Markdown("# Hej\n\nVi ses.")));
        Assert.Null(Renderer.Check(district, CampaignRenderingSamples.Newsletter(signedByChair: true)));
    }

    private void WriteCampaignLayouts()
    {
        foreach (var layout in new[] { "campaign", "newsletter" })
        {
            scratch.Write($"shared/{layout}.html.sbn", "<html><body><p>Kære {{ recipient.name }},</p>{{ body }}<a href=\"{{ unsubscribe_url }}\">Afmeld</a></body></html>");
            scratch.Write($"shared/{layout}.text.sbn", "Kære {{ recipient.name }},\n{{ body }}\n{{ unsubscribe_url }}");
        }
    }
}
