using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Tests.Templates;

namespace Outreach.Core.Tests.CampaignRendering;

/// <summary>Broken campaign layouts or templates stop the app at start, like broken letters.</summary>
public sealed class CampaignTemplateStartupTests : IDisposable
{
    private readonly ScratchTemplates scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public void ValidateAll_ShippedTemplates_Passes()
    {
        var exception = Record.Exception(() => CampaignRenderingSamples.Renderer().ValidateAll());

        Assert.Null(exception);
    }

    [Theory]
    [InlineData("shared/campaign.html.sbn", "<p>{{ chair.nmae }}</p>{{ body }}", "nmae")]
    [InlineData("shared/newsletter.text.sbn", "{{ for section in sections }}{{ section.heading }}", "newsletter.text.sbn")]
    [InlineData("fyn/newsletter.html.sbn", "{{ if category == \"newsletter\" }}{{ sektioner }}{{ end }}", "sektioner")]
    [InlineData("shared/campaigns/arsmode.text.sbn", "{{ secretariat.mail }}", "mail")]
    public void ValidateAll_BrokenLayoutOrTemplate_FailsNamingTheProblem(string file, string content, string named)
    {
        WriteGoodLayouts();
        scratch.Write("shared/campaigns/arsmode.html.sbn", "<p>{{ subject }}</p>");
        scratch.Write("shared/campaigns/arsmode.text.sbn", "{{ subject }}");
        scratch.Write(file, content);

        var exception = Assert.Throws<InvalidDataException>(() => CampaignRenderingSamples.Renderer(scratch.Root).ValidateAll());

        Assert.Contains(named, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAll_MissingLayout_NamesTheFile()
    {
        WriteGoodLayouts();
        File.Delete(Path.Combine(scratch.Root, "shared", "newsletter.html.sbn"));

        var exception = Assert.Throws<InvalidDataException>(() => CampaignRenderingSamples.Renderer(scratch.Root).ValidateAll());

        Assert.Contains("newsletter.html.sbn", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddOutreachCampaignRendering_BrokenLayout_StopsTheHostAtStart()
    {
        WriteGoodLayouts();
        scratch.Write("shared/campaign.text.sbn", "{{ recipient.nmae }}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Templates:Path"] = scratch.Root,
        }).Build();
        using var host = new HostBuilder().ConfigureServices(services => services.AddOutreachCampaignRendering(configuration)).Build();

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.Contains("nmae", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutreachCampaignRendering_Registers_TheScribanRenderer()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Templates:Path"] = RepositoryFiles.TemplatesFolder,
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddOutreachCampaignRendering(configuration).BuildServiceProvider();

        Assert.IsType<ScribanCampaignRenderer>(provider.GetRequiredService<ICampaignRenderer>());
    }

    private void WriteGoodLayouts()
    {
        scratch.Write("shared/campaign.html.sbn", "<html><body><p>Kære {{ recipient.name }},</p>{{ body }}{{ if signed_by_chair }}{{ chair.name }}{{ end }}<a href=\"{{ unsubscribe_url }}\">Afmeld</a></body></html>");
        scratch.Write("shared/campaign.text.sbn", "Kære {{ recipient.name }},\n{{ body }}\n{{ unsubscribe_url }}");
        scratch.Write("shared/newsletter.html.sbn", "<html><body><h1>{{ title }}</h1>{{ intro }}{{ for section in sections }}<h2>{{ section.heading }}</h2>{{ section.body }}{{ end }}<a href=\"{{ unsubscribe_url }}\">Afmeld</a></body></html>");
        scratch.Write("shared/newsletter.text.sbn", "{{ title }}\n{{ intro }}{{ for section in sections }}\n{{ section.heading }}\n{{ section.body }}{{ end }}\n{{ unsubscribe_url }}");
        Directory.CreateDirectory(Path.Combine(scratch.Root, "fyn"));
    }
}
