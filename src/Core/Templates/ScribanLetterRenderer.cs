using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.PrintLetters;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Outreach.Core.Templates;

/// <summary>
/// Renders letters with Scriban from <c>{root}/{district folder}/</c>, falling back to <c>{root}/shared/</c> file by
/// file. A letter is three files (<c>{name}.subject.sbn</c>, <c>{name}.html.sbn</c>, <c>{name}.text.sbn</c>) rendered
/// into the layouts <c>layout.html.sbn</c> and <c>layout.text.sbn</c> at their <c>{{ body }}</c>; a print letter is
/// <c>print-letter.html.sbn</c> around a letter's HTML. HTML parts are rendered by <see cref="HtmlTemplateContext"/>,
/// which escapes every value; the subject and text part by <see cref="TextTemplateContext"/>, which escapes nothing and
/// keeps the subject on one line. Files are parsed once and kept in memory.
/// </summary>
internal sealed partial class ScribanLetterRenderer : ILetterRenderer
{
    /// <summary>The layouts' name: not a letter.</summary>
    public const string LayoutName = "layout";

    /// <summary>The print page's name: not a letter.</summary>
    public const string PrintLetterName = "print-letter";

    private const string SubjectSuffix = ".subject" + TemplateFiles.Extension;
    private const string HtmlSuffix = ".html" + TemplateFiles.Extension;
    private const string TextSuffix = ".text" + TemplateFiles.Extension;

    private readonly TemplateFiles files;
    private readonly ILogger<ScribanLetterRenderer> logger;
    private readonly ConcurrentDictionary<(string Folder, string Name), Lazy<CompiledLetter>> letters = new();

    public ScribanLetterRenderer(IOptions<TemplateOptions> options, ILogger<ScribanLetterRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        files = new TemplateFiles(options.Value.Path);
        this.logger = logger;
    }

    /// <summary>The template folder of <paramref name="district"/>: its <c>TemplateFolder</c>, else its code.</summary>
    public static string FolderOf(DistrictOptions district) =>
        string.IsNullOrWhiteSpace(district.TemplateFolder) ? district.Code : district.TemplateFolder;

    public RenderedLetter Render(DistrictOptions district, string templateName, LetterModel model)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(model);
        var folder = FolderOf(district);
        if (!TemplateFiles.IsValidName(templateName) || !TemplateFiles.IsValidName(folder) || templateName is LayoutName or PrintLetterName)
        {
            throw new TemplateNotFoundException(district.Code, templateName ?? "");
        }

        var letter = GetLetter(district.Code, folder, templateName);
        var view = LetterView.Create(district, model);
        try
        {
            var subject = SingleLine(letter.Subject.Render(TemplateSandbox.Text(singleLine: true, view, Part(""))));
            if (subject.Length == 0)
            {
                throw new InvalidDataException($"The subject of template '{templateName}' for district '{district.Code}' renders empty.");
            }

            var htmlBody = letter.Html.Render(TemplateSandbox.Html(view, Part(subject)));
            var html = letter.HtmlLayout.Render(TemplateSandbox.Html(view, Part(subject, new TrustedHtml(htmlBody))));
            var textBody = TidyText(letter.Text.Render(TemplateSandbox.Text(singleLine: false, view, Part(subject)))).TrimEnd('\n');
            var text = TidyText(letter.TextLayout.Render(TemplateSandbox.Text(singleLine: false, view, Part(subject, textBody)))) + "\n";
            return new RenderedLetter(subject, html, text);
        }
        catch (ScriptRuntimeException exception)
        {
            // Scriban's message names the file, line and the name at fault (e.g. a misspelt one), never the recipient's data.
            throw new InvalidDataException($"Template '{templateName}' for district '{district.Code}' failed to render: {exception.Message}", exception);
        }
    }

    /// <summary>The print page of <paramref name="letter"/> from <c>print-letter.html.sbn</c> of <paramref name="folder"/>.</summary>
    public string RenderPrintPage(string folder, PrintLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (!TemplateFiles.IsValidName(folder))
        {
            throw new TemplateNotFoundException(folder, PrintLetterName);
        }

        var fileName = PrintLetterName + HtmlSuffix;
        var template = files.Parse(Require(files.Find(folder, fileName), folder, fileName));
        var page = TemplateSandbox.Freeze(new ScriptObject
        {
            ["subject"] = letter.Subject,
            ["address_lines"] = LetterView.List(new[] { letter.RecipientName, letter.Workplace, letter.Municipality }.Where(line => !string.IsNullOrWhiteSpace(line)).Select(line => line!)),
            ["letter"] = new TrustedHtml(letter.Html),
        });
        try
        {
            return template.Render(TemplateSandbox.Html(page));
        }
        catch (ScriptRuntimeException exception)
        {
            throw new InvalidDataException($"Template '{PrintLetterName}' for folder '{folder}' failed to render: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Parses every template of every folder and renders each letter against sample values (every optional value set,
    /// then none; each follow-up number), so that a misspelt name, a syntax error or a missing file stops the app at
    /// start instead of failing a letter. Throws <see cref="InvalidDataException"/> listing every problem.
    /// </summary>
    public void ValidateAll()
    {
        var problems = new List<string>();
        foreach (var folder in files.Folders())
        {
            var district = TemplateSamples.District(folder);
            foreach (var name in files.Names(folder, SubjectSuffix).Where(name => name is not (LayoutName or PrintLetterName)))
            {
                Check(problems, () =>
                {
                    foreach (var model in TemplateSamples.Models())
                    {
                        Render(district, name, model);
                    }
                });
            }

            if (files.Find(folder, PrintLetterName + HtmlSuffix) is not null)
            {
                Check(problems, () => RenderPrintPage(folder, TemplateSamples.PrintLetter(folder)));
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The letter templates have errors:\n" + string.Join("\n", problems.Distinct(StringComparer.Ordinal)));
        }

        LogValidated(logger, files.Root);
    }

    private static void Check(List<string> problems, Action render)
    {
        try
        {
            render();
        }
        catch (Exception exception) when (exception is InvalidDataException or TemplateNotFoundException)
        {
            problems.Add(exception.Message);
        }
    }

    private static ScriptObject Part(string subject, object? body = null)
    {
        var part = new ScriptObject { ["subject"] = subject };
        if (body is not null)
        {
            part["body"] = body;
        }

        return TemplateSandbox.Freeze(part);
    }

    private CompiledLetter GetLetter(string district, string folder, string name)
    {
        var key = (folder, name);
        var lazy = letters.GetOrAdd(key, k => new Lazy<CompiledLetter>(() => LoadLetter(district, k.Folder, k.Name), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed load is not remembered: a template deployed or fixed later is found on the next letter.
            letters.TryRemove(new KeyValuePair<(string, string), Lazy<CompiledLetter>>(key, lazy));
            throw;
        }
    }

    private CompiledLetter LoadLetter(string district, string folder, string name)
    {
        var subjectFile = files.Find(folder, name + SubjectSuffix);
        var htmlFile = files.Find(folder, name + HtmlSuffix);
        var textFile = files.Find(folder, name + TextSuffix);
        if (subjectFile is null && htmlFile is null && textFile is null)
        {
            throw new TemplateNotFoundException(district, name);
        }

        var letter = new CompiledLetter(
            files.Parse(Require(subjectFile, folder, name + SubjectSuffix)),
            files.Parse(Require(htmlFile, folder, name + HtmlSuffix)),
            files.Parse(Require(textFile, folder, name + TextSuffix)),
            files.Parse(Require(files.Find(folder, LayoutName + HtmlSuffix), folder, LayoutName + HtmlSuffix)),
            files.Parse(Require(files.Find(folder, LayoutName + TextSuffix), folder, LayoutName + TextSuffix)));
        LogCompiled(logger, name, folder);
        return letter;
    }

    private string Require(string? path, string folder, string fileName) =>
        path ?? throw new InvalidDataException(
            $"Template file '{fileName}' is missing: neither '{Path.Combine(files.Root, folder)}' nor '{Path.Combine(files.Root, TemplateFiles.SharedFolder)}' has it.");

    /// <summary>The subject on one line: every run of white space (line breaks included) becomes one space.</summary>
    public static string SingleLine(string subject) => Whitespace().Replace(subject, " ").Trim();

    // Conditions leave blank lines behind; a text mail reads best with at most one empty line between paragraphs.
    public static string TidyText(string value) =>
        BlankLines().Replace(value.ReplaceLineEndings("\n"), "\n\n").Trim('\n');

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();

    [LoggerMessage(Level = LogLevel.Information, Message = "Parsed letter template {TemplateName} for template folder {Folder}")]
    private static partial void LogCompiled(ILogger logger, string templateName, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked every letter template under {Root}")]
    private static partial void LogValidated(ILogger logger, string root);

    private sealed record CompiledLetter(Template Subject, Template Html, Template Text, Template HtmlLayout, Template TextLayout);
}
