using System.Globalization;

namespace Outreach.Core.Newsletters;

/// <summary>How a newsletter issue is named: its id and staff's name for it, from the district and the month.</summary>
internal static class NewsletterIssues
{
    // Spelt out rather than taken from the da-DK culture, so the names do not depend on the machine's ICU data.
    private static readonly string[] DanishMonths =
        ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"];

    /// <summary>The id of the issue of <paramref name="district"/> and <paramref name="month"/> (<c>yyyy-MM</c>).</summary>
    public static string IdOf(string district, string month) => $"newsletter-{district}-{month}";

    /// <summary>Reads a month <c>yyyy-MM</c> (exactly that form); false when it is not one.</summary>
    public static bool TryParseMonth(string? month, out DateOnly first) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out first) && month!.Length == 7;

    /// <summary>Staff's name for the issue, e.g. "Nyhedsbrev januar 2027".</summary>
    public static string NameOf(DateOnly month) =>
        string.Create(CultureInfo.InvariantCulture, $"Nyhedsbrev {DanishMonths[month.Month - 1]} {month.Year}");
}
