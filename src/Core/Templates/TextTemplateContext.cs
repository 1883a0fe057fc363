using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace Outreach.Core.Templates;

/// <summary>
/// The context of a plain-text part or a header-like line (the subject): values are written without HTML escaping,
/// since entities would reach the reader as "&amp;amp;". In a single-line part every line break in a value becomes a
/// space, so no value can start a new header line. HTML (<see cref="TrustedHtml"/>) is refused: it has no place in text.
/// </summary>
internal sealed class TextTemplateContext : TemplateContext
{
    private readonly bool singleLine;

    public TextTemplateContext(Scriban.Runtime.ScriptObject builtins, bool singleLine)
        : base(builtins)
    {
        this.singleLine = singleLine;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        var text = Convert(span, textAsObject);
        if (text is not null)
        {
            Write(text);
        }

        return this;
    }

    public override async ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject)
    {
        var text = Convert(span, textAsObject);
        if (text is not null)
        {
            await WriteAsync(text).ConfigureAwait(false);
        }

        return this;
    }

    private string? Convert(SourceSpan span, object? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value is TrustedHtml)
        {
            throw new ScriptRuntimeException(span, "HTML cannot be written into a text part.");
        }

        var text = ObjectToString(value) ?? "";
        return singleLine ? text.Replace("\r\n", " ", StringComparison.Ordinal).Replace('\r', ' ').Replace('\n', ' ') : text;
    }
}
