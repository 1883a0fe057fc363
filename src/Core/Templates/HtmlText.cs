using System.Text;

namespace Outreach.Core.Templates;

/// <summary>HTML escaping of text for element content and quoted attribute values.</summary>
internal static class HtmlText
{
    /// <summary>
    /// Escapes the five characters that can end text or a quoted attribute. Only those: WebUtility.HtmlEncode would also
    /// turn æ, ø and å into numeric entities, which make the letters' source unreadable and gain nothing in UTF-8.
    /// </summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var character in text)
        {
            escaped.Append(character switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? character.ToString());
        }

        return escaped.ToString();
    }
}
