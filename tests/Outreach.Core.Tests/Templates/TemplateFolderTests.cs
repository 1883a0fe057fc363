using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Templates;

namespace Outreach.Core.Tests.Templates;

/// <summary>How the renderer finds, overrides, checks and caches template files, on a templates folder of its own.</summary>
public sealed class TemplateFolderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "outreach-templates-" + Guid.NewGuid().ToString("N"));

    public TemplateFolderTests()
    {
        Write("shared/layout.html.hbs", "<html><head><title>{{subject}}</title></head><body>{{body}}<p>{{chair.name}}</p></body></html>");
        Write("shared/layout.text.hbs", "{{body}}\n-- \n{{chair.name}}");
        Write("shared/hello.subject.hbs", "Hej {{recipient.firstName}}");
        Write("shared/hello.html.hbs", "<p>Hej {{recipient.name}}, {{danishDate letterDate}}</p>");
        Write("shared/hello.text.hbs", "Hej {{recipient.name}}, {{danishDate letterDate}}");
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Render_DistrictWithoutOwnFiles_UsesTheSharedOnes()
    {
        var letter = LetterSamples.Renderer(root).Render(District("fyn"), "hello", LetterSamples.Recipient());

        Assert.Equal("Hej Signe", letter.Subject);
        Assert.Equal("<html><head><title>Hej Signe</title></head><body><p>Hej Signe Løvgreen Holm, 3. december 2026</p><p>Lene</p></body></html>", letter.Html);
        Assert.Equal("Hej Signe Løvgreen Holm, 3. december 2026\n-- \nLene\n", letter.Text);
    }

    [Fact]
    public void Render_DistrictFolderHasTheFile_OverridesOnlyThatFile()
    {
        Write("fyn/hello.subject.hbs", "Goddag fra Fyn, {{recipient.firstName}}");
        Write("fyn/layout.text.hbs", "{{body}}\nHilsen {{chair.name}} på Fyn");

        var fyn = LetterSamples.Renderer(root).Render(District("fyn"), "hello", LetterSamples.Recipient());
        var other = LetterSamples.Renderer(root).Render(District("bornholm"), "hello", LetterSamples.Recipient());

        Assert.Equal("Goddag fra Fyn, Signe", fyn.Subject);
        Assert.Equal("Hej Signe Løvgreen Holm, 3. december 2026\nHilsen Lene på Fyn\n", fyn.Text);
        Assert.Contains("<p>Hej Signe Løvgreen Holm", fyn.Html, StringComparison.Ordinal);
        Assert.Equal("Hej Signe", other.Subject);
    }

    [Fact]
    public void Render_TemplateFolderSet_ReadsThatFolderInsteadOfTheCode()
    {
        Write("fyn-og-oerne/hello.subject.hbs", "Fra øerne");
        var district = District("fyn");
        district.TemplateFolder = "fyn-og-oerne";

        var letter = LetterSamples.Renderer(root).Render(district, "hello", LetterSamples.Recipient());

        Assert.Equal("Fra øerne", letter.Subject);
    }

    [Theory]
    [InlineData("goodbye")]
    [InlineData("layout")]
    [InlineData("../shared/hello")]
    [InlineData("Hello")]
    [InlineData("")]
    public void Render_NoSuchTemplate_ThrowsTemplateNotFound(string name)
    {
        var exception = Assert.Throws<TemplateNotFoundException>(() => LetterSamples.Renderer(root).Render(District("fyn"), name, LetterSamples.Recipient()));

        Assert.Equal("fyn", exception.District);
        Assert.Equal(name, exception.TemplateName);
    }

    [Fact]
    public void Render_TemplateAddedAfterItWasMissing_IsFound()
    {
        var renderer = LetterSamples.Renderer(root);
        Assert.Throws<TemplateNotFoundException>(() => renderer.Render(District("fyn"), "later", LetterSamples.Recipient()));
        Write("shared/later.subject.hbs", "Senere");
        Write("shared/later.html.hbs", "<p>x</p>");
        Write("shared/later.text.hbs", "x");

        var letter = renderer.Render(District("fyn"), "later", LetterSamples.Recipient());

        Assert.Equal("Senere", letter.Subject);
    }

    [Fact]
    public void Render_LetterMissingOneOfItsFiles_NamesTheMissingFile()
    {
        File.Delete(Path.Combine(root, "shared", "hello.text.hbs"));

        var exception = Assert.Throws<InvalidDataException>(() => LetterSamples.Renderer(root).Render(District("fyn"), "hello", LetterSamples.Recipient()));

        Assert.Contains("hello.text.hbs", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecondTime_UsesTheCompiledTemplatesWithoutReadingFilesAgain()
    {
        var renderer = LetterSamples.Renderer(root);
        var first = renderer.Render(District("fyn"), "hello", LetterSamples.Recipient());
        Directory.Delete(root, recursive: true);

        var second = renderer.Render(District("fyn"), "hello", LetterSamples.Recipient("Ahmed Østergård"));

        Assert.Equal("Hej Signe", first.Subject);
        Assert.Equal("Hej Ahmed", second.Subject);
        Assert.Contains("Hej Ahmed Østergård, 3. december 2026", second.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<p>{{{recipient.name}}}</p>")]
    [InlineData("<p>{{&recipient.name}}</p>")]
    [InlineData("<p>{{~{recipient.name}~}}</p>")]
    public void Render_HtmlTemplateWithRawOutput_IsRefused(string body)
    {
        Write("shared/raw.subject.hbs", "Rå");
        Write("shared/raw.html.hbs", body);
        Write("shared/raw.text.hbs", "x");

        var exception = Assert.Throws<InvalidDataException>(() => LetterSamples.Renderer(root).Render(District("fyn"), "raw", LetterSamples.Recipient("<script>alert(1)</script>")));

        Assert.Contains("raw output", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MisspeltValueName_FailsInsteadOfPrintingNothing()
    {
        Write("shared/typo.subject.hbs", "Hej {{recipient.fristName}}");
        Write("shared/typo.html.hbs", "<p>x</p>");
        Write("shared/typo.text.hbs", "x");

        var exception = Assert.Throws<InvalidDataException>(() => LetterSamples.Renderer(root).Render(District("fyn"), "typo", LetterSamples.Recipient()));

        Assert.Contains("fristName", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'typo'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InvalidHandlebars_NamesTheFile()
    {
        Write("shared/broken.subject.hbs", "Hej");
        Write("shared/broken.html.hbs", "{{#if recipient.name}}<p>never closed</p>");
        Write("shared/broken.text.hbs", "x");

        var exception = Assert.Throws<InvalidDataException>(() => LetterSamples.Renderer(root).Render(District("fyn"), "broken", LetterSamples.Recipient()));

        Assert.Contains("broken.html.hbs", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SubjectOverSeveralLines_BecomesOneLine()
    {
        Write("fyn/hello.subject.hbs", "  Hej\r\n  {{recipient.firstName}}\n\n");

        var letter = LetterSamples.Renderer(root).Render(District("fyn"), "hello", LetterSamples.Recipient());

        Assert.Equal("Hej Signe", letter.Subject);
    }

    [Fact]
    public void AddOutreachTemplates_RelativePath_ResolvesAgainstTheAppRoot()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FUNCTIONS_APP_ROOT_PATH"] = RepositoryFiles.Root,
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddOutreachTemplates(configuration).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var letter = provider.GetRequiredService<ILetterRenderer>().Render(LetterSamples.District("nordjylland"), "followup", LetterSamples.Recipient(followUpNumber: 1));

        Assert.Equal(RepositoryFiles.TemplatesFolder, provider.GetRequiredService<IOptions<TemplateOptions>>().Value.Path);
        Assert.Contains("Poul Erik Bundgaard", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AddOutreachTemplates_MissingFolder_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Templates:Path"] = Path.Combine(root, "does-not-exist"),
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddOutreachTemplates(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Outreach:Templates:Path", exception.Message, StringComparison.Ordinal);
    }

    private static DistrictOptions District(string code) => new()
    {
        Code = code,
        DisplayName = "Socialpædagogerne " + code,
        Chair = new ChairOptions { Name = "Lene", Title = "Formand" },
        Sender = new SenderOptions { Email = "ledere@example.org", Name = "Lene" },
        JoinUrl = "https://example.org/bliv-medlem",
    };

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
