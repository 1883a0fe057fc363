using AngleSharp.Html.Parser;
using Outreach.Core.Templates;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Outreach.Core.Tests.Templates;

/// <summary>What a staff-edited template can and cannot do: escaping that no way of writing a value avoids, and the limits.</summary>
public sealed class TemplateSandboxTests : IDisposable
{
    private const string Script = "<script>alert(1)</script>";

    private readonly ScratchTemplates templates = new();

    public void Dispose() => templates.Dispose();

    [Theory]
    [InlineData("<p>{{ recipient.name }}</p>")]
    [InlineData("<p>{{ recipient.name | string.upcase | string.downcase }}</p>")]
    [InlineData("<p>{{ \"\" + recipient.name }}</p>")]
    [InlineData("<p>{{ x = [recipient.name]; x[0] }}</p>")]
    [InlineData("<p>{{ func shout(value); ret value; end; shout recipient.name }}</p>")]
    public void Render_ValueWrittenAnyWayInHtml_IsEscaped(string body)
    {
        templates.WriteLetter("any", body);

        var letter = templates.Renderer().Render(ScratchTemplates.District("fyn"), "any", LetterSamples.Recipient(Script));

        var document = new HtmlParser().ParseDocument(letter.Html);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains(Script, document.QuerySelector("p")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_CapturedHtml_IsEscapedAgainRatherThanWrittenAsMarkup()
    {
        templates.WriteLetter("capture", "<p>{{ capture copy }}<b>{{ recipient.name }}</b>{{ end }}{{ copy }}</p>");

        var letter = templates.Renderer().Render(ScratchTemplates.District("fyn"), "capture", LetterSamples.Recipient(Script));

        var document = new HtmlParser().ParseDocument(letter.Html);
        Assert.Empty(document.QuerySelectorAll("script, p b"));
        Assert.Equal("<b>&lt;script&gt;alert(1)&lt;/script&gt;</b>", document.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void Render_ImportStatement_IsRefusedWhenParsed()
    {
        templates.WriteLetter("import", "{{ import recipient }}<p>{{ name }}</p>");

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "import", LetterSamples.Recipient()));

        Assert.Contains("'import' is not allowed", exception.Message, StringComparison.Ordinal);
        Assert.Contains("import.html.sbn", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TrustedHtml_IsTheOnlyValueWrittenAsMarkup()
    {
        templates.Write("shared/layout.html.sbn", "<html><body><main>{{ body }}</main><p>{{ subject }}</p></body></html>");
        templates.WriteLetter("trusted", "<b>{{ recipient.name }}</b>", subject: "<i>{{ recipient.first_name }}</i>");

        var letter = templates.Renderer().Render(ScratchTemplates.District("fyn"), "trusted", LetterSamples.Recipient("<u>Signe</u>"));

        var document = new HtmlParser().ParseDocument(letter.Html);
        Assert.Equal("<u>Signe</u>", Assert.Single(document.QuerySelectorAll("main b")).TextContent);
        Assert.Empty(document.QuerySelectorAll("u, i"));
        Assert.Equal("<i><u>Signe</u></i>", document.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void Render_TrustedHtmlInATextPart_IsRefused()
    {
        var values = new ScriptObject { ["letter"] = new TrustedHtml("<b>Hej</b>") };

        var exception = Assert.Throws<ScriptRuntimeException>(() => Template.Parse("{{ letter }}").Render(TemplateSandbox.Text(singleLine: false, values)));

        Assert.Contains("text part", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LineBreakInAValueOfASingleLinePart_BecomesASpace()
    {
        var values = new ScriptObject { ["name"] = "Signe\r\nBcc: mallory@example.org\nX" };

        var line = Template.Parse("Hej {{ name }}").Render(TemplateSandbox.Text(singleLine: true, values));

        Assert.Equal("Hej Signe Bcc: mallory@example.org X", line);
    }

    [Theory]
    [InlineData("{{ include 'hello.html.sbn' }}", "include")]
    [InlineData("{{ object.eval_template '{{ 1 }}' }}", "object")]
    [InlineData("{{ date.now }}", "date")]
    [InlineData("{{ regex.match 'a' 'a' }}", "regex")]
    [InlineData("{{ recipient.name.length }}", "length")]
    [InlineData("{{ recipient.nmae }}", "nmae")]
    [InlineData("{{ string.leak = recipient.name }}", "readonly")]
    [InlineData("{{ recipient.leak = 1 }}", "readonly")]
    [InlineData("{{ i = 0; while true; i = i + 1; end }}", "limit")]
    [InlineData("{{ for i in 1..100000 }}x{{ end }}", "limit")]
    [InlineData("{{ func down(n); down(n + 1); end; down 0 }}", "limit")]
    [InlineData("{{ s = 'x' | string.pad_right 2000000 }}", "limit")]
    public void Render_TemplateReachingOutsideItsSandbox_Fails(string body, string named)
    {
        templates.WriteLetter("escape", body);

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "escape", LetterSamples.Recipient()));

        Assert.Contains(named, exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("escape.html.sbn", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutputBeyondTheLimit_Fails()
    {
        templates.WriteLetter("huge", "{{ for i in 1..900 }}{{ recipient.name }}{{ end }}");

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "huge", LetterSamples.Recipient(new string('x', 2_000))));

        Assert.Contains("limit", exception.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Render_OnePartAssigningToTheModel_CannotChangeWhatTheNextPartReads()
    {
        templates.Write("shared/hello.subject.sbn", "Hej {{ recipient.first_name }}{{ recipient.name = 'Mallory' }}");

        var exception = Assert.Throws<InvalidDataException>(() => templates.Renderer().Render(ScratchTemplates.District("fyn"), "hello", LetterSamples.Recipient()));

        Assert.Contains("hello.subject.sbn", exception.Message, StringComparison.Ordinal);
    }
}
