using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// Reads a list of strings given either as one string or as an array (<c>"membership": "member"</c> and
/// <c>"membership": ["member", "unknown"]</c> both work), because staff write a single condition far more often.
/// </summary>
public sealed class OneOrManyConverter : JsonConverter<IReadOnlyList<string>>
{
    /// <inheritdoc />
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var values = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    values.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("Expected a string."));
                }

                return values;
            default:
                throw new JsonException("Expected a string or an array of strings.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
