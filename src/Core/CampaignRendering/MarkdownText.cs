using System.Text;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// The text part of sanitised Markdown, as a person would type it in a plain mail: headings on a line of their own,
/// list items with "- " (or "1. "), links as "text (address)", emphasis and every other bit of Markdown syntax gone.
/// Blocks are separated by one empty line.
/// </summary>
internal static class MarkdownText
{
    public static string Render(MarkdownDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Blocks(document, "\n\n");
    }

    private static string Blocks(ContainerBlock container, string separator) =>
        string.Join(separator, container.Select(Block).Where(text => text.Length > 0));

    private static string Block(Block block) => block switch
    {
        HeadingBlock heading => OneLine(Inlines(heading.Inline)),
        Table table => TableText(table),
        ParagraphBlock paragraph => Inlines(paragraph.Inline).Trim(),
        ListBlock list => ListText(list),
        QuoteBlock quote => Indent(Blocks(quote, "\n\n"), "  ", "  "),
        CodeBlock code => Indent(code.Lines.ToString().TrimEnd(), "    ", "    "),
        ThematicBreakBlock => "----------",
        LinkReferenceDefinitionGroup or LinkReferenceDefinition => "",
        ContainerBlock container => Blocks(container, "\n\n"),
        LeafBlock { Inline: { } inline } => Inlines(inline).Trim(),
        LeafBlock leaf => leaf.Lines.ToString().Trim(),
        _ => "",
    };

    private static string ListText(ListBlock list)
    {
        var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
        var items = new List<string>();
        foreach (var item in list.OfType<ListItemBlock>())
        {
            var marker = list.IsOrdered ? $"{number++}. " : "- ";
            items.Add(Indent(Blocks(item, "\n"), marker, new string(' ', marker.Length)));
        }

        return string.Join("\n", items);
    }

    private static string TableText(Table table) =>
        string.Join("\n", table.OfType<TableRow>().Select(row =>
            string.Join(" | ", row.OfType<TableCell>().Select(cell => OneLine(Blocks(cell, " "))))));

    private static string Inlines(ContainerInline? container)
    {
        if (container is null)
        {
            return "";
        }

        var text = new StringBuilder();
        AppendChildren(text, container);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append('\n');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case AutolinkInline autolink:
                text.Append(autolink.Url);
                break;
            case HtmlInline html:
                text.Append(html.Tag);
                break;
            case LinkInline { IsImage: true } image:
                // An image is its alt text in a text mail; the address of a picture helps nobody there.
                AppendChildren(text, image);
                break;
            case LinkInline link:
                AppendLink(text, link);
                break;
            case ContainerInline container:
                AppendChildren(text, container);
                break;
            default:
                break;
        }
    }

    private static void AppendChildren(StringBuilder text, ContainerInline container)
    {
        foreach (var child in container)
        {
            Append(text, child);
        }
    }

    private static void AppendLink(StringBuilder text, LinkInline link)
    {
        var label = Inlines(link).Trim();
        var url = link.Url ?? "";
        var shown = url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? url["mailto:".Length..] : url;
        if (label.Length == 0 || link.IsAutoLink || string.Equals(label, shown, StringComparison.OrdinalIgnoreCase) || string.Equals(label, url, StringComparison.OrdinalIgnoreCase))
        {
            text.Append(shown);
        }
        else
        {
            text.Append(label).Append(" (").Append(shown).Append(')');
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static string Indent(string text, string first, string rest)
    {
        var lines = text.Split('\n');
        var result = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                result.Append('\n');
            }

            if (lines[i].Length > 0)
            {
                result.Append(i == 0 ? first : rest).Append(lines[i]);
            }
        }

        return result.ToString();
    }
}
