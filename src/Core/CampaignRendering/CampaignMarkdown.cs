using System.Text;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// Staff Markdown to HTML and to a readable text part, safe by construction: the pipeline has no HTML parser (raw HTML
/// is literal text, escaped by Markdig's renderer), and after parsing every link and image whose address is not
/// http/https (links also mailto) is unwrapped to its text, before anything is rendered. Only the HTML of this class may
/// be wrapped in <see cref="Templates.TrustedHtml"/>.
/// </summary>
internal static class CampaignMarkdown
{
    /// <summary>The most Markdown one campaign or issue may carry, all bodies together, in UTF-8 bytes (100 KB).</summary>
    public const int MaxBytes = 100 * 1024;

    // DisableHtml removes the HTML block parser and HTML inlines: "<script>" is parsed as text and escaped on output.
    // Pipe tables and bare-URL links are cheap and common in what staff paste; everything else stays CommonMark.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoLinks()
        .Build();

    /// <summary>The UTF-8 size of <paramref name="markdown"/> (null counts 0).</summary>
    public static int Size(string? markdown) => markdown is null ? 0 : Encoding.UTF8.GetByteCount(markdown);

    /// <summary>
    /// Parses and sanitises <paramref name="markdown"/>; Markdown headings move down by <paramref name="headingOffset"/>
    /// levels, so that a body's "#" does not compete with the letter's own title.
    /// </summary>
    public static MarkdownDocument Parse(string markdown, int headingOffset)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(markdown, Pipeline);
        Sanitise(document);
        Style(document, headingOffset);
        return document;
    }

    /// <summary>The HTML of a document from <see cref="Parse"/>.</summary>
    public static string ToHtml(MarkdownDocument document) => Markdown.ToHtml(document, Pipeline).Trim();

    /// <summary>The text part of a document from <see cref="Parse"/>.</summary>
    public static string ToText(MarkdownDocument document) => MarkdownText.Render(document);

    /// <summary>True when <paramref name="url"/> may be a link's (or, with <paramref name="image"/>, an image's) address.</summary>
    public static bool IsAllowedUrl(string? url, bool image)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        // The prefix test comes first and is on the raw string: a browser must read the same scheme that we checked,
        // so no leading blank, control character or entity trick gets a pass from a lenient parser.
        var web = url.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
        var mail = !image && url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);
        if (!web && !mail)
        {
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        return web
            ? (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp) && parsed.Host.Length > 0
            : parsed.Scheme == Uri.UriSchemeMailto;
    }

    private static void Sanitise(MarkdownDocument document)
    {
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (IsAllowedUrl(link.Url, link.IsImage))
            {
                // Nothing may compute another address at render time.
                link.GetDynamicUrl = null;
                continue;
            }

            Unwrap(link);
        }

        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsAllowedUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url, image: false))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }

        // DisableHtml means there are none; should a later pipeline change bring them back, they stay text.
        foreach (var html in document.Descendants<HtmlInline>().ToList())
        {
            html.ReplaceBy(new LiteralInline(html.Tag));
        }
    }

    // A refused link keeps its text (an image its alt text): the reader sees what staff wrote, without the address.
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }

    // Mail clients ignore style sheets more often than not: the few styles the letters use go on the elements.
    private static void Style(MarkdownDocument document, int headingOffset)
    {
        foreach (var block in document.Descendants<Block>())
        {
            switch (block)
            {
                case HeadingBlock heading:
                    heading.Level = Math.Min(heading.Level + headingOffset, 6);
                    Set(heading, "margin:24px 0 8px 0;font-family:Arial,Helvetica,sans-serif;");
                    break;
                case ParagraphBlock paragraph:
                    Set(paragraph, "margin:0 0 16px 0;");
                    break;
                case ListBlock list:
                    Set(list, "margin:0 0 16px 0;padding-left:20px;");
                    break;
                case ListItemBlock item:
                    Set(item, "margin-bottom:8px;");
                    break;
                case QuoteBlock quote:
                    Set(quote, "margin:0 0 16px 0;padding-left:12px;border-left:3px solid #dddddd;color:#555555;");
                    break;
                case Table table:
                    Set(table, "border-collapse:collapse;margin:0 0 16px 0;");
                    break;
                case TableCell cell:
                    Set(cell, "border:1px solid #dddddd;padding:4px 8px;vertical-align:top;");
                    break;
                default:
                    break;
            }
        }
    }

    private static void Set(Block block, string style) => block.GetAttributes().AddProperty("style", style);
}
