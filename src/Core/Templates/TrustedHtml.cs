namespace Outreach.Core.Templates;

/// <summary>
/// HTML that our own code produced and vouches for (a rendered letter body, Markdown rendered by us): the one kind of
/// value an HTML template writes unescaped. Everything else a template writes into HTML is escaped, so a value only
/// reaches the page as markup when code, not data, wraps it in this type. A text part refuses it.
/// </summary>
/// <param name="Value">The HTML.</param>
public sealed record TrustedHtml(string Value)
{
    /// <summary>The HTML itself, so that string functions in a template see the markup, not the record.</summary>
    public override string ToString() => Value;
}
