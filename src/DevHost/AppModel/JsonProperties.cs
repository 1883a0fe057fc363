using System.Globalization;
using System.Text.Json;

namespace Outreach.DevHost.AppModel;

/// <summary>Reading the host's JSON files as the host does: property names case-insensitive, values as text.</summary>
internal static class JsonProperties
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses <paramref name="file"/>; throws <see cref="InvalidDataException"/> naming it when it is not JSON.</summary>
    public static JsonElement ReadFile(string file)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file), Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{file} is not valid JSON: {exception.Message}", exception);
        }
    }

    /// <summary>Parses <paramref name="json"/> (e.g. a raw binding); throws <see cref="InvalidDataException"/> saying what it was.</summary>
    public static JsonElement Parse(string json, string what)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Lenient);
            return document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{what} is not valid JSON: {exception.Message}", exception);
        }
    }

    /// <summary>The object-valued property <paramref name="name"/>, or null.</summary>
    public static JsonElement? Child(JsonElement element, string name) =>
        Find(element, name) is { ValueKind: JsonValueKind.Object } child ? child : null;

    /// <summary>The property <paramref name="name"/> as text (a number or boolean as written), or null.</summary>
    public static string? Text(JsonElement element, string name) =>
        Find(element, name) switch
        {
            { ValueKind: JsonValueKind.String } value => value.GetString(),
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            var value => value.Value.GetRawText(),
        };

    /// <summary>The boolean property <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public static bool Flag(JsonElement element, string name, bool fallback = false) =>
        Text(element, name) is { } text && bool.TryParse(text, out var value) ? value : fallback;

    /// <summary>A time span property (<c>hh:mm:ss</c>; <c>-1</c> means unbounded and reads as zero).</summary>
    public static TimeSpan? Duration(JsonElement element, string name, string file)
    {
        var text = Text(element, name);
        if (text is null)
        {
            return null;
        }

        if (text == "-1")
        {
            return TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"{file}: {name} '{text}' is not a time span (hh:mm:ss).");
    }

    /// <summary>The string items of the array property <paramref name="name"/> (empty when there is none).</summary>
    public static IReadOnlyList<string> Strings(JsonElement element, string name) =>
        Find(element, name) is { ValueKind: JsonValueKind.Array } array
            ? [.. array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)]
            : [];

    private static JsonElement? Find(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }

        return null;
    }
}
