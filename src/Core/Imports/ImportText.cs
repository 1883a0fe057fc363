using System.Text;

namespace Outreach.Core.Imports;

/// <summary>
/// How values from an imported file may appear in what we answer. Problems are shown to staff and often pasted into a
/// spreadsheet, so a value is never echoed so that a spreadsheet would run it as a formula (OWASP "CSV injection").
/// </summary>
internal static class ImportText
{
    /// <summary>The longest part of a value quoted back; the rest is cut (the line says where to look).</summary>
    public const int MaxQuotedLength = 40;

    /// <summary>True when <paramref name="value"/> starts with a character a spreadsheet treats as the start of a formula.</summary>
    public static bool StartsAsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>
    /// <paramref name="value"/> in single quotes for a problem text: control characters (line breaks, tabs) become spaces,
    /// the value is cut at <see cref="MaxQuotedLength"/> characters, and a value that starts as a formula gets the
    /// spreadsheet's own text prefix <c>'</c>, so <c>=HYPERLINK(…)</c> is shown as <c>''=HYPERLINK(…)'</c>.
    /// </summary>
    public static string Quote(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(Math.Min(value.Length, MaxQuotedLength) + 4).Append('\'');
        if (StartsAsFormula(value))
        {
            text.Append('\'');
        }

        foreach (var character in value.Length > MaxQuotedLength ? value[..MaxQuotedLength] : value)
        {
            text.Append(char.IsControl(character) ? ' ' : character);
        }

        return text.Append(value.Length > MaxQuotedLength ? "…'" : "'").ToString();
    }
}
