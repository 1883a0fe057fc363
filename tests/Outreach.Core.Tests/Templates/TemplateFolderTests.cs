using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.Templates;

namespace Outreach.Core.Tests.Templates;

/// <summary>How the renderer finds, overrides, checks and caches template files, on a templates folder of its own.</summary>
public sealed class TemplateFolderTests : IDisposable
{
    private readonly ScratchTemplates templates = new();

    public void Dispose() => templates.Dispose();

    [Fact]
    public void Render_DistrictWithoutOwnFiles_UsesTheSharedOnes()
    {
        var letter = templates.Renderer().Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient());

        Assert.Equal("Hej Signe", letter.Subject);
        Assert.Equal("<html><head><title>Hej Signe</title></head><body><p>Hej Signe Løvgreen Holm, 3. december 2026</p><p>Lene</p></body></html>", letter.Html);
        Assert.Equal("Hej Signe Løvgreen Holm, 3. december 2026\n-- \nLene\n", letter.Text);
    }

    [Fact]
    public void Render_DistrictFolderHasTheFile_OverridesOnlyThatFile()
    {
        templates.Write("fyn/hello.subject.sbn", "Goddag fra Fyn, {{ recipient.first_name }}");
        templates.Write("fyn/layout.text.sbn", "{{ body }}\nHilsen {{ chair.name }} på Fyn");
        var renderer = templates.Renderer();

        var fyn = renderer.Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient());
        var other = renderer.Render(ScratchTemplates.District("bornholm"), "hello", LetterSamples.Recipient());

        Assert.Equal("Goddag fra Fyn, Signe", fyn.Subject);
        Assert.Equal("Hej Signe Løvgreen Holm, 3. december 2026\nHilsen Lene på Fyn\n", fyn.Text);
        Assert.Contains("<p>Hej Signe Løvgreen Holm", fyn.Html, StringComparison.Ordinal);
        Assert.Equal("Hej Signe", other.Subject);
        Assert.Equal("Hej Signe Løvgreen Holm, 3. december 2026\n-- \nLene\n", other.Text);
    }

    [Fact]
    public void Render_TemplateFolderSet_ReadsThatFolderInsteadOfTheCode()
    {
        templates.Write("fyn-og-oerne/hello.subject.sbn", "Fra øerne");
        var district = ScratchTemplates.District("fyn");
        district.TemplateFolder = "fyn-og-oerne";

        var letter = templates.Renderer().Render(district, "hello", LetterSamples.Recipient());

        Assert.Equal("Fra øerne", letter.Subject);
    }

    [Theory]
    [InlineData("goodbye")]
    [InlineData("layout")]
    [InlineData("print-letter")]
    [InlineData("../shared/hello")]
    [InlineData("Hello")]
    [InlineData("")]
    public void Render_NoSuchTemplate_ThrowsTemplateNotFound(string name)
    {
        var exception = Assert.Throws<TemplateNotFoundException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), name, LetterSamples.Recipient()));

        Assert.Equal("fyn", exception.District);
        Assert.Equal(name, exception.TemplateName);
    }

    [Fact]
    public void Render_TemplateAddedAfterItWasMissing_IsFound()
    {
        var renderer = templates.Renderer();
        Assert.Throws<TemplateNotFoundException>(() => renderer.Render(ScratchTemplates.District("fyn"), "later", LetterSamples.Recipient()));
        templates.WriteLetter("later", "<p>x</p>", subject: "Senere");

        var letter = renderer.Render(ScratchTemplates.District("fyn"), "later", LetterSamples.Recipient());

        Assert.Equal("Senere", letter.Subject);
    }

    [Fact]
    public void Render_LetterMissingOneOfItsFiles_NamesTheMissingFile()
    {
        File.Delete(Path.Combine(templates.Root, "shared", "hello.text.sbn"));

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient()));

        Assert.Contains("hello.text.sbn", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SecondTime_UsesTheParsedTemplatesWithoutReadingFilesAgain()
    {
        var renderer = templates.Renderer();
        var first = renderer.Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient());
        Directory.Delete(templates.Root, recursive: true);

        var second = renderer.Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient("Ahmed Østergård"));

        Assert.Equal("Hej Signe", first.Subject);
        Assert.Equal("Hej Ahmed", second.Subject);
        Assert.Contains("Hej Ahmed Østergård, 3. december 2026", second.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MisspeltValueName_FailsInsteadOfPrintingNothing()
    {
        templates.WriteLetter("typo", "<p>x</p>", subject: "Hej {{ recipient.frist_name }}");

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "typo", LetterSamples.Recipient()));

        Assert.Contains("frist_name", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'typo'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_InvalidScriban_NamesTheFile()
    {
        templates.WriteLetter("broken", "{{ if recipient.name }}<p>never closed</p>");

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "broken", LetterSamples.Recipient()));

        Assert.Contains("broken.html.sbn", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SubjectOverSeveralLines_BecomesOneLine()
    {
        templates.Write("fyn/hello.subject.sbn", "  Hej\r\n  {{ recipient.first_name }}\n\n");

        var letter = templates.Renderer().Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient());

        Assert.Equal("Hej Signe", letter.Subject);
    }

    [Theory]
    [InlineData("shared/hello.subject.sbn", "Hej {{ recipient.frist_name }}", "frist_name")]
    [InlineData("shared/hello.text.sbn", "{{ if recipient.workplace }}{{ recipient.workplace }}{{ else }}{{ recipeint.name }}{{ end }}", "recipeint")]
    [InlineData("fyn/layout.html.sbn", "<html>{{ body }}{{ chair.nmae }}</html>", "nmae")]
    [InlineData("shared/print-letter.html.sbn", "<html>{{ leter }}</html>", "leter")]
    public void ValidateAll_MisspeltName_FailsNamingTheFileAndTheName(string file, string content, string misspelt)
    {
        templates.Write(file, content);

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().ValidateAll());

        Assert.Contains(misspelt, exception.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(file), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateAll_ValidTemplates_Passes()
    {
        templates.Write("fyn/hello.subject.sbn", "Goddag fra Fyn, {{ recipient.first_name }}");

        var exception = Record.Exception(() => templates.Renderer().ValidateAll());

        Assert.Null(exception);
    }

    [Fact]
    public async Task AddOutreachTemplates_MisspeltName_StopsTheHostAtStart()
    {
        templates.Write("shared/hello.html.sbn", "<p>{{ recipient.nmae }}</p>");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Outreach:Templates:Path"] = templates.Root,
        }).Build();
        using var host = new HostBuilder().ConfigureServices(services => services.AddOutreachTemplates(configuration)).Build();

        var exception = await Assert.ThrowsAsync<InvalidDataException>(() => host.StartAsync());

        Assert.Contains("nmae", exception.Message, StringComparison.Ordinal);
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
            ["Outreach:Templates:Path"] = Path.Combine(templates.Root, "does-not-exist"),
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddOutreachTemplates(configuration).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Outreach:Templates:Path", exception.Message, StringComparison.Ordinal);
    }
}
