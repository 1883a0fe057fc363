using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using HandlebarsDotNet;
using HandlebarsDotNet.Compiler;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;

namespace Outreach.Core.Templates;

/// <summary>
/// Renders letters with Handlebars.Net from <c>{root}/{district folder}/</c>, falling back to <c>{root}/shared/</c> file by
/// file. A letter is three files (<c>{name}.subject.hbs</c>, <c>{name}.html.hbs</c>, <c>{name}.text.hbs</c>) rendered into
/// the layouts <c>layout.html.hbs</c> and <c>layout.text.hbs</c> at their <c>{{body}}</c>. The HTML part is rendered by an
/// environment that HTML-escapes every value and refuses raw output; the subject and text part by one that escapes
/// nothing, because HTML entities in a plain-text mail would reach the reader as "&amp;amp;". Each letter is compiled once
/// per district folder and then served from memory.
/// </summary>
internal sealed partial class HandlebarsLetterRenderer : ILetterRenderer
{
    private const string LayoutName = "layout";

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly TimeZoneInfo Copenhagen = FindCopenhagen();

    private readonly TemplateFolders folders;
    private readonly IHandlebars html;
    private readonly IHandlebars text;
    private readonly ILogger<HandlebarsLetterRenderer> logger;
    private readonly Lock compileLock = new();
    private readonly ConcurrentDictionary<(string Folder, string Name), Lazy<CompiledLetter>> letters = new();
    private readonly ConcurrentDictionary<string, Lazy<HandlebarsTemplate<object, object>>> files = new(StringComparer.Ordinal);

    public HandlebarsLetterRenderer(IOptions<TemplateOptions> options, ILogger<HandlebarsLetterRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        folders = new TemplateFolders(options.Value.Path);
        this.logger = logger;
        html = CreateEnvironment(escape: true);
        text = CreateEnvironment(escape: false);
    }

    public RenderedLetter Render(DistrictOptions district, string templateName, LetterModel model)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(model);
        var folder = string.IsNullOrWhiteSpace(district.TemplateFolder) ? district.Code : district.TemplateFolder;
        if (!TemplateFolders.IsValidName(templateName) || !TemplateFolders.IsValidName(folder) || templateName == LayoutName)
        {
            throw new TemplateNotFoundException(district.Code, templateName ?? "");
        }

        var letter = GetLetter(district.Code, folder, templateName);
        var view = LetterView.Create(district, model);
        try
        {
            var subject = SingleLine(letter.Subject(view, null));
            if (subject.Length == 0)
            {
                throw new InvalidDataException($"The subject of template '{templateName}' for district '{district.Code}' renders empty.");
            }

            view = view with { Subject = subject };
            var htmlPart = letter.HtmlLayout(view, new LayoutData(letter.Html(view, null)));
            var textPart = TidyText(letter.TextLayout(view, new LayoutData(TidyText(letter.Text(view, null)).TrimEnd('\n')))) + "\n";
            return new RenderedLetter(subject, htmlPart, textPart);
        }
        catch (Exception exception) when (exception is HandlebarsException or HandlebarsUndefinedBindingException)
        {
            // The message names the value (e.g. a misspelt one), never the recipient's data.
            throw new InvalidDataException($"Template '{templateName}' for district '{district.Code}' failed to render: {exception.Message}", exception);
        }
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
        var subjectFile = folders.Find(folder, name + ".subject.hbs");
        var htmlFile = folders.Find(folder, name + ".html.hbs");
        var textFile = folders.Find(folder, name + ".text.hbs");
        if (subjectFile is null && htmlFile is null && textFile is null)
        {
            throw new TemplateNotFoundException(district, name);
        }

        var letter = new CompiledLetter(
            Compile(text, Require(subjectFile, folder, name + ".subject.hbs")),
            Compile(html, Require(htmlFile, folder, name + ".html.hbs")),
            Compile(text, Require(textFile, folder, name + ".text.hbs")),
            Compile(html, Require(folders.Find(folder, LayoutName + ".html.hbs"), folder, LayoutName + ".html.hbs")),
            Compile(text, Require(folders.Find(folder, LayoutName + ".text.hbs"), folder, LayoutName + ".text.hbs")));
        LogCompiled(logger, name, folder);
        return letter;
    }

    private string Require(string? path, string folder, string fileName) =>
        path ?? throw new InvalidDataException(
            $"Template file '{fileName}' is missing: neither '{Path.Combine(folders.Root, folder)}' nor '{Path.Combine(folders.Root, TemplateFolders.SharedFolder)}' has it.");

    // Shared files (the layouts) are compiled once for every district that falls back to them.
    private HandlebarsTemplate<object, object> Compile(IHandlebars environment, string path)
    {
        var key = (ReferenceEquals(environment, html) ? "html|" : "text|") + path;
        var lazy = files.GetOrAdd(key, _ => new Lazy<HandlebarsTemplate<object, object>>(() => CompileFile(environment, path), LazyThreadSafetyMode.ExecutionAndPublication));
        try
        {
            return lazy.Value;
        }
        catch
        {
            files.TryRemove(new KeyValuePair<string, Lazy<HandlebarsTemplate<object, object>>>(key, lazy));
            throw;
        }
    }

    private HandlebarsTemplate<object, object> CompileFile(IHandlebars environment, string path)
    {
        var source = File.ReadAllText(path);
        if (ReferenceEquals(environment, html) && RawOutput().Match(source) is { Success: true } raw)
        {
            throw new InvalidDataException(
                $"Template '{path}' uses raw output ('{raw.Value}'); HTML templates must let every value be escaped. The layout inserts the letter with {{{{body}}}}.");
        }

        try
        {
            // Compiling happens once per file; one at a time, since Handlebars.Net documents rendering as thread-safe, not compiling.
            lock (compileLock)
            {
                return environment.Compile(source);
            }
        }
        catch (HandlebarsException exception)
        {
            throw new InvalidDataException($"Template '{path}' is not valid Handlebars: {exception.Message}", exception);
        }
    }

    private static IHandlebars CreateEnvironment(bool escape)
    {
        var environment = Handlebars.Create(new HandlebarsConfiguration
        {
            NoEscape = !escape,

            // A misspelt value name fails the letter (and the work item is retried) instead of sending "Kære ,".
            ThrowOnUnresolvedBindingExpression = true,
        });

        // {{danishDate value}}: "3. december 2026"; the value may be a DateOnly, DateTime or DateTimeOffset (shown in Copenhagen time).
        environment.RegisterHelper("danishDate", (EncodedTextWriter output, Context context, Arguments arguments) =>
        {
            if (arguments.Length != 1)
            {
                throw new HandlebarsRuntimeException("danishDate takes one date.");
            }

            var date = arguments[0] switch
            {
                null => (DateOnly?)null,
                DateOnly value => value,
                DateTime value => DateOnly.FromDateTime(value),
                DateTimeOffset value => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(value, Copenhagen).DateTime),
                var other => throw new HandlebarsRuntimeException($"danishDate cannot format a {other.GetType().Name}."),
            };
            if (date is { } day)
            {
                output.Write(day.ToString("d. MMMM yyyy", Danish));
            }
        });

        // {{body}} in a layout: the letter, already rendered (and escaped) by the environment of its part.
        environment.RegisterHelper("body", (in EncodedTextWriter output, in HelperOptions options, in Context context, in Arguments arguments) =>
        {
            if (options.Data["body"] is string body)
            {
                output.WriteSafeString(body);
            }
        });
        return environment;
    }

    private static string SingleLine(string subject) => Whitespace().Replace(subject, " ").Trim();

    // Block helpers leave blank lines behind; a text mail reads best with at most one empty line between paragraphs.
    private static string TidyText(string value) =>
        BlankLines().Replace(value.ReplaceLineEndings("\n"), "\n\n").Trim('\n');

    private static TimeZoneInfo FindCopenhagen()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    [GeneratedRegex(@"\{\{~?\s*[{&]", RegexOptions.CultureInvariant)]
    private static partial Regex RawOutput();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\n[ \t]*(\n[ \t]*){2,}", RegexOptions.CultureInvariant)]
    private static partial Regex BlankLines();

    [LoggerMessage(Level = LogLevel.Information, Message = "Compiled letter template {TemplateName} for template folder {Folder}")]
    private static partial void LogCompiled(ILogger logger, string templateName, string folder);

    private sealed record CompiledLetter(
        HandlebarsTemplate<object, object> Subject,
        HandlebarsTemplate<object, object> Html,
        HandlebarsTemplate<object, object> Text,
        HandlebarsTemplate<object, object> HtmlLayout,
        HandlebarsTemplate<object, object> TextLayout);

    // The data object of a layout render: Handlebars exposes its properties to helpers (and as @body).
    private sealed record LayoutData(string Body);
}
