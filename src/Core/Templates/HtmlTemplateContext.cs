using Scriban;
using Scriban.Parsing;

namespace Outreach.Core.Templates;

/// <summary>
/// The context of an HTML part: every value a template writes (<c>{{ value }}</c>, whatever it is and however it was
/// computed) is converted to text and HTML-escaped; only a <see cref="TrustedHtml"/> is written as it is. The template's
/// own markup does not pass through here, so it stays markup. Scriban does not escape by itself, so this override is
/// what makes escaping hold by construction rather than by every template author remembering a filter.
/// </summary>
internal sealed class HtmlTemplateContext : TemplateContext
{
    public HtmlTemplateContext(Scriban.Runtime.ScriptObject builtins)
        : base(builtins)
    {
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        var text = Convert(textAsObject);
        if (text is not null)
        {
            Write(text);
        }

        return this;
    }

    public override async ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
    {
        var text = Convert(textAsObject);
        if (text is not null)
        {
            await WriteAsync(text).ConfigureAwait(false);
        }

        return this;
    }

    private string? Convert(object? value) => value switch
    {
        null => null,
        TrustedHtml html => html.Value,
        _ => HtmlText.Escape(ObjectToString(value) ?? ""),
    };
}
