using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// Renders campaigns and newsletter issues with the letters' machinery (<see cref="TemplateFiles"/>: district folder
/// first, then <c>shared/</c>; <see cref="TemplateSandbox"/>; values escaped per part). The body is sanitised Markdown
/// (<see cref="CampaignMarkdown"/>) or a named template <c>campaigns/{name}.html.sbn</c> and <c>.text.sbn</c>, inside
/// <c>campaign.html.sbn</c>/<c>campaign.text.sbn</c>; a newsletter issue (title, intro, sections) renders in
/// <c>newsletter.html.sbn</c>/<c>newsletter.text.sbn</c> with only the sections of the variant. Per-recipient values are
/// <see cref="RecipientTags"/> (see <see cref="RecipientPlaceholders"/>), so one render serves a whole variant.
/// </summary>
internal sealed partial class ScribanCampaignRenderer : ICampaignRenderer
{
    /// <summary>The layout of a campaign (Markdown or named template body).</summary>
    public const string CampaignLayout = "campaign";

    /// <summary>The layout of a newsletter issue (title, intro, sections).</summary>
    public const string NewsletterLayout = "newsletter";

    /// <summary>The folder, under a district's folder or <c>shared/</c>, of the named campaign templates.</summary>
    public const string CampaignsFolder = "campaigns";

    private const string HtmlSuffix = ".html" + TemplateFiles.Extension;
    private const string TextSuffix = ".text" + TemplateFiles.Extension;

    // Markdown headings sit below the letter's own: a campaign body's "#" is an h2, a newsletter section's an h3.
    private const int CampaignHeadingOffset = 1;
    private const int SectionHeadingOffset = 2;

    private static readonly string[] Variants = [CampaignVariant.All, CampaignVariant.Members, CampaignVariant.NonMembers, CampaignVariant.Unknown];

    private readonly TemplateFiles files;
    private readonly TimeProvider time;
    private readonly ILogger<ScribanCampaignRenderer> logger;

    public ScribanCampaignRenderer(IOptions<TemplateOptions> options, TimeProvider time, ILogger<ScribanCampaignRenderer> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        files = new TemplateFiles(options.Value.Path);
        this.time = time;
        this.logger = logger;
    }

    private enum BodyKind
    {
        Markdown,
        Template,
        Sections,
    }

    public RenderedVariant Render(DistrictOptions district, Campaign campaign, string variant)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return Render(district, campaign.Content, campaign.Category, campaign.Month, variant);
    }

    /// <summary>Renders <paramref name="content"/> as <see cref="Render(DistrictOptions, Campaign, string)"/> does, without a stored campaign.</summary>
    public RenderedVariant Render(DistrictOptions district, CampaignContent content, OptOutCategory category, string? month, string variant)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(content);
        if (!Variants.Contains(variant, StringComparer.Ordinal))
        {
            throw new ArgumentException($"'{variant}' is not a campaign variant.", nameof(variant));
        }

        var kind = BodyOf(content, out var problem) ?? throw new InvalidDataException(problem);
        var subject = ScribanLetterRenderer.SingleLine(content.Subject ?? "");
        if (subject.Length == 0)
        {
            throw new InvalidDataException("The campaign's subject is empty.");
        }

        var folder = ScribanLetterRenderer.FolderOf(district);
        if (!TemplateFiles.IsValidName(folder))
        {
            throw new TemplateNotFoundException(district.Code, kind == BodyKind.Sections ? NewsletterLayout : CampaignLayout);
        }

        var recipient = new RecipientPlaceholders();
        var view = CampaignTemplateView.Create(district, subject, category, content.SignedByChair, CopenhagenTime.Today(time), month, recipient);
        var (html, text) = kind switch
        {
            BodyKind.Template => RenderNamed(district, folder, content.Template!, view),
            BodyKind.Markdown => RenderMarkdown(district, folder, content.Markdown!, view),
            _ => RenderNewsletter(district, folder, content, variant, view),
        };
        return new RenderedVariant(variant, RecipientPlaceholders.DefuseText(subject), recipient.FinishHtml(html), recipient.FinishText(text));
    }

    public string? Check(DistrictOptions district, CampaignContent content)
    {
        ArgumentNullException.ThrowIfNull(district);
        ArgumentNullException.ThrowIfNull(content);
        var kind = BodyOf(content, out var problem);
        if (kind is null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(content.Subject))
        {
            return "The subject is empty.";
        }

        var size = CampaignMarkdown.Size(content.Markdown) + CampaignMarkdown.Size(content.Intro) + content.Sections.Sum(section => CampaignMarkdown.Size(section.Markdown));
        if (size > CampaignMarkdown.MaxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The Markdown is {size / 1024.0:0.#} KB in all; at most {CampaignMarkdown.MaxBytes / 1024} KB is allowed.");
        }

        if (kind == BodyKind.Template)
        {
            var name = content.Template!;
            if (!TemplateFiles.IsValidName(name))
            {
                return $"'{name}' is not a template name: template names are lower-case letters, digits and '-'.";
            }

            var folder = ScribanLetterRenderer.FolderOf(district);
            if (!TemplateFiles.IsValidName(folder) || (files.Find(folder, NamedFile(name, HtmlSuffix)) is null && files.Find(folder, NamedFile(name, TextSuffix)) is null))
            {
                return $"District '{district.Code}' has no campaign template '{name}' (looked for {NamedFile(name, HtmlSuffix)} in the template folders '{folder}' and '{TemplateFiles.SharedFolder}').";
            }
        }

        var variants = content.Sections.Any(section => section.Audience != SectionAudience.All)
            ? new[] { CampaignVariant.Members, CampaignVariant.NonMembers, CampaignVariant.Unknown }
            : new[] { CampaignVariant.All };
        var category = kind == BodyKind.Sections ? OptOutCategory.Newsletter : OptOutCategory.Campaigns;
        foreach (var variant in variants)
        {
            try
            {
                Render(district, content, category, null, variant);
            }
            catch (Exception exception) when (exception is InvalidDataException or TemplateNotFoundException)
            {
                return "The content does not render: " + exception.Message;
            }
        }

        return null;
    }

    /// <summary>The named campaign templates <paramref name="folder"/> can use: its own and the shared ones.</summary>
    public IReadOnlyList<string> TemplateNames(string folder) =>
        [.. new[] { folder, TemplateFiles.SharedFolder }
            .Select(name => Path.Combine(files.Root, name, CampaignsFolder))
            .Where(Directory.Exists)
            .SelectMany(directory => Directory.EnumerateFiles(directory, "*" + TemplateFiles.Extension))
            .Select(Path.GetFileName)
            .OfType<string>()
            .Select(name => name.EndsWith(HtmlSuffix, StringComparison.Ordinal) ? name[..^HtmlSuffix.Length] : name.EndsWith(TextSuffix, StringComparison.Ordinal) ? name[..^TextSuffix.Length] : "")
            .Where(TemplateFiles.IsValidName)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Renders both layouts of every template folder against sample content (Markdown with every construct, a newsletter
    /// with sections for each audience in every variant, both categories, signed and unsigned) and every named campaign
    /// template, so a broken layout stops the app at start. Throws <see cref="InvalidDataException"/> listing every problem.
    /// </summary>
    public void ValidateAll()
    {
        var problems = new List<string>();
        foreach (var folder in files.Folders())
        {
            var district = TemplateSamples.District(folder);
            foreach (var category in new[] { OptOutCategory.Campaigns, OptOutCategory.Newsletter })
            {
                foreach (var signed in new[] { true, false })
                {
                    Check(problems, () => Render(district, CampaignTemplateSamples.Markdown(signed), category, null, CampaignVariant.All));
                    foreach (var variant in Variants)
                    {
                        Check(problems, () => Render(district, CampaignTemplateSamples.Newsletter(signed), category, "2027-02", variant));
                    }

                    Check(problems, () => Render(district, CampaignTemplateSamples.NewsletterWithoutIntro(signed), category, null, CampaignVariant.All));
                    foreach (var name in TemplateNames(folder))
                    {
                        Check(problems, () => Render(district, CampaignTemplateSamples.Named(name, signed), category, null, CampaignVariant.All));
                    }
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException("The campaign templates have errors:\n" + string.Join("\n", problems.Distinct(StringComparer.Ordinal)));
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

    private static BodyKind? BodyOf(CampaignContent content, out string? problem)
    {
        var kinds = new List<BodyKind>();
        if (!string.IsNullOrWhiteSpace(content.Template))
        {
            kinds.Add(BodyKind.Template);
        }

        if (content.Markdown is not null)
        {
            kinds.Add(BodyKind.Markdown);
        }

        if (content.Sections.Count > 0 || (kinds.Count == 0 && (!string.IsNullOrWhiteSpace(content.Title) || !string.IsNullOrWhiteSpace(content.Intro))))
        {
            kinds.Add(BodyKind.Sections);
        }

        problem = kinds.Count switch
        {
            0 => "The content has no body: give Markdown, a template name or sections.",
            1 => null,
            _ => "The content has more than one body: give Markdown, a template name or sections, only one of them.",
        };
        return problem is null ? kinds[0] : null;
    }

    private (string Html, string Text) RenderMarkdown(DistrictOptions district, string folder, string markdown, ScriptObject view)
    {
        var document = CampaignMarkdown.Parse(markdown, CampaignHeadingOffset);
        return RenderLayout(district, folder, CampaignLayout, view, Body(new TrustedHtml(CampaignMarkdown.ToHtml(document))), Body(CampaignMarkdown.ToText(document)));
    }

    private (string Html, string Text) RenderNamed(DistrictOptions district, string folder, string name, ScriptObject view)
    {
        if (!TemplateFiles.IsValidName(name))
        {
            throw new TemplateNotFoundException(district.Code, name);
        }

        var htmlFile = files.Find(folder, NamedFile(name, HtmlSuffix));
        var textFile = files.Find(folder, NamedFile(name, TextSuffix));
        if (htmlFile is null && textFile is null)
        {
            throw new TemplateNotFoundException(district.Code, name);
        }

        var htmlTemplate = files.Parse(Require(htmlFile, folder, NamedFile(name, HtmlSuffix)));
        var textTemplate = files.Parse(Require(textFile, folder, NamedFile(name, TextSuffix)));
        string htmlBody;
        string textBody;
        try
        {
            htmlBody = htmlTemplate.Render(TemplateSandbox.Html(view));
            textBody = ScribanLetterRenderer.TidyText(textTemplate.Render(TemplateSandbox.Text(singleLine: false, view)));
        }
        catch (ScriptRuntimeException exception)
        {
            throw new InvalidDataException($"Campaign template '{name}' for district '{district.Code}' failed to render: {exception.Message}", exception);
        }

        // The HTML body came out of the HTML context, where every value was escaped: it is ours to vouch for.
        return RenderLayout(district, folder, CampaignLayout, view, Body(new TrustedHtml(htmlBody)), Body(textBody));
    }

    private (string Html, string Text) RenderNewsletter(DistrictOptions district, string folder, CampaignContent content, string variant, ScriptObject view)
    {
        var title = ScribanLetterRenderer.SingleLine(string.IsNullOrWhiteSpace(content.Title) ? content.Subject : content.Title);
        var intro = string.IsNullOrWhiteSpace(content.Intro) ? null : CampaignMarkdown.Parse(content.Intro, SectionHeadingOffset);
        var sections = content.Sections
            .Where(section => CampaignVariant.Includes(variant, section))
            .Select(section => (Heading: ScribanLetterRenderer.SingleLine(section.Heading ?? ""), Body: CampaignMarkdown.Parse(section.Markdown ?? "", SectionHeadingOffset)))
            .ToList();

        var html = Newsletter(title, intro is null ? null : new TrustedHtml(CampaignMarkdown.ToHtml(intro)), sections.Select(section => (section.Heading, (object)new TrustedHtml(CampaignMarkdown.ToHtml(section.Body)))));
        var text = Newsletter(title, intro is null ? null : CampaignMarkdown.ToText(intro), sections.Select(section => (section.Heading, (object)CampaignMarkdown.ToText(section.Body))));
        return RenderLayout(district, folder, NewsletterLayout, view, html, text);
    }

    private static ScriptObject Newsletter(string title, object? intro, IEnumerable<(string Heading, object Body)> sections) =>
        TemplateSandbox.Freeze(new ScriptObject
        {
            ["title"] = title,
            ["intro"] = intro,
            ["sections"] = new ScriptArray(sections.Select(section => (object)TemplateSandbox.Freeze(new ScriptObject
            {
                ["heading"] = section.Heading,
                ["body"] = section.Body,
            }))),
        });

    private static ScriptObject Body(object body) => TemplateSandbox.Freeze(new ScriptObject { ["body"] = body });

    private (string Html, string Text) RenderLayout(DistrictOptions district, string folder, string layout, ScriptObject view, ScriptObject htmlValues, ScriptObject textValues)
    {
        var htmlLayout = files.Parse(Require(files.Find(folder, layout + HtmlSuffix), folder, layout + HtmlSuffix));
        var textLayout = files.Parse(Require(files.Find(folder, layout + TextSuffix), folder, layout + TextSuffix));
        try
        {
            var html = htmlLayout.Render(TemplateSandbox.Html(view, htmlValues));
            var text = ScribanLetterRenderer.TidyText(textLayout.Render(TemplateSandbox.Text(singleLine: false, view, textValues))) + "\n";
            return (html, text);
        }
        catch (ScriptRuntimeException exception)
        {
            throw new InvalidDataException($"Campaign layout '{layout}' for district '{district.Code}' failed to render: {exception.Message}", exception);
        }
    }

    private static string NamedFile(string name, string suffix) => Path.Combine(CampaignsFolder, name + suffix);

    private string Require(string? path, string folder, string fileName) =>
        path ?? throw new InvalidDataException(
            $"Template file '{fileName}' is missing: neither '{Path.Combine(files.Root, folder)}' nor '{Path.Combine(files.Root, TemplateFiles.SharedFolder)}' has it.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Checked every campaign layout and campaign template under {Root}")]
    private static partial void LogValidated(ILogger logger, string root);
}
