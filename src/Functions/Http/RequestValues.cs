using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Districts;

namespace Outreach.Functions.Http;

/// <summary>
/// Reads the values a client sends (route values, query strings) and answers a 400 problem naming the field for anything
/// that is not one: client input never reaches storage as something it cannot be, so it never becomes a 500.
/// </summary>
public static class RequestValues
{
    /// <summary>Longest leader id accepted (ids are short; Table Storage keys end at 1 KiB).</summary>
    public const int MaxLeaderIdLength = 128;

    /// <summary>The configured district for <paramref name="code"/> in any letter case, or a problem naming <paramref name="field"/>.</summary>
    public static (string? Code, ProblemHttpResult? Problem) District(string? code, IDistrictCatalog districts, string field = "district")
    {
        ArgumentNullException.ThrowIfNull(districts);
        var found = string.IsNullOrWhiteSpace(code) || HasControlCharacters(code) ? null : districts.Find(code);
        return found is null
            ? (null, Problems.Field(field, "Unknown district", "Give " + field + " as one of: " + string.Join(", ", districts.All.Select(d => d.Code)) + "."))
            : (found.Code, null);
    }

    /// <summary>A leader id that can be one (1–128 characters, no control characters, none of <c>/ \ # ?</c>), or a problem.</summary>
    public static ProblemHttpResult? LeaderId(string? leaderId) =>
        string.IsNullOrWhiteSpace(leaderId) || leaderId.Length > MaxLeaderIdLength || HasControlCharacters(leaderId) || leaderId.IndexOfAny(['/', '\\', '#', '?']) >= 0
            ? Problems.Field("leaderId", "Not a leader id", $"leaderId has 1 to {MaxLeaderIdLength} characters, without control characters or / \\ # ?.")
            : null;

    /// <summary>
    /// An id from a route or a body that can be one (1–<paramref name="maxLength"/> characters, no control characters,
    /// none of <c>/ \ # ?</c>: Table Storage refuses those in keys), or a problem naming <paramref name="field"/>.
    /// </summary>
    public static ProblemHttpResult? Identifier(string? id, string field, int maxLength = MaxLeaderIdLength) =>
        string.IsNullOrWhiteSpace(id) || id.Length > maxLength || HasControlCharacters(id) || id.IndexOfAny(['/', '\\', '#', '?']) >= 0
            ? Problems.Field(field, "Not a valid " + field, $"{field} has 1 to {maxLength} characters, without control characters or / \\ # ?.")
            : null;

    /// <summary>An optional enum value by name in any letter case (numbers are refused), or a problem naming <paramref name="field"/>.</summary>
    public static (TEnum? Value, ProblemHttpResult? Problem) OptionalEnum<TEnum>(string? text, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }

        return !char.IsAsciiDigit(text[0]) && !text.StartsWith('-') && Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? (value, null)
            : (null, Problems.Field(field, "Unknown " + field, $"{field} is one of: {string.Join(", ", Enum.GetNames<TEnum>())}."));
    }

    /// <summary>An optional whole number in <paramref name="minimum"/>..<paramref name="maximum"/>, or a problem naming <paramref name="field"/>.</summary>
    public static (int Value, ProblemHttpResult? Problem) OptionalInt(string? text, string field, int fallback, int minimum, int maximum) =>
        string.IsNullOrEmpty(text) ? (fallback, null)
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum ? (value, null)
        : (fallback, Problems.Field(field, "Not a valid " + field, $"{field} is a whole number from {minimum} to {maximum}."));

    /// <summary>
    /// Null for no municipality or a name of at most 200 letters, digits, spaces, hyphens and full stops (every Danish
    /// municipality's name is one); otherwise a problem. Quotes and operators are refused rather than searched for.
    /// </summary>
    public static ProblemHttpResult? Municipality(string? municipality) =>
        municipality is not null && (municipality.Length > 200 || !municipality.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '.'))
            ? Problems.Field("municipality", "Not a municipality", "municipality is a name of at most 200 letters, digits, spaces, hyphens and full stops.")
            : null;

    /// <summary>An optional month as <c>yyyy-MM</c> (its first day), or a problem naming <paramref name="field"/>.</summary>
    public static (DateOnly? Value, ProblemHttpResult? Problem) OptionalMonth(string? text, string field) =>
        string.IsNullOrEmpty(text) ? (null, null)
        : DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? (month, null)
        : (null, Problems.Field(field, "Not a month", $"{field} is a month as yyyy-MM, e.g. 2026-11."));

    /// <summary>The single value of a query parameter (the last one when it is repeated).</summary>
    public static string? Query(HttpRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Query[name];
        return values.Count == 0 ? null : values[^1];
    }

    private static bool HasControlCharacters(string text) => text.Any(char.IsControl);
}
