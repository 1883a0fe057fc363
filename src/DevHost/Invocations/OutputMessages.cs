using System.Globalization;
using System.Text;
using System.Text.Json;
using Outreach.DevHost.Rpc;

namespace Outreach.DevHost.Invocations;

/// <summary>
/// The queue messages an output binding's value stands for, as the host's queue binding writes them: a collection (or a
/// JSON array) is one message per element; a string as it is; anything else as its JSON.
/// </summary>
public static class OutputMessages
{
    /// <summary>The messages of <paramref name="value"/> (none for an empty value).</summary>
    public static IReadOnlyList<byte[]> From(TypedData? value)
    {
        if (value is null)
        {
            return [];
        }

        return value.DataCase switch
        {
            TypedData.DataOneofCase.String => [Encoding.UTF8.GetBytes(value.String)],
            TypedData.DataOneofCase.Json => FromJson(value.Json),
            TypedData.DataOneofCase.Bytes => [value.Bytes.ToByteArray()],
            TypedData.DataOneofCase.Stream => [value.Stream.ToByteArray()],
            TypedData.DataOneofCase.Int => [Encoding.UTF8.GetBytes(value.Int.ToString(CultureInfo.InvariantCulture))],
            TypedData.DataOneofCase.Double => [Encoding.UTF8.GetBytes(value.Double.ToString(CultureInfo.InvariantCulture))],
            TypedData.DataOneofCase.CollectionString => [.. value.CollectionString.String.Select(Encoding.UTF8.GetBytes)],
            TypedData.DataOneofCase.CollectionBytes => [.. value.CollectionBytes.Bytes.Select(bytes => bytes.ToByteArray())],
            TypedData.DataOneofCase.CollectionDouble => [.. value.CollectionDouble.Double.Select(item => Encoding.UTF8.GetBytes(item.ToString(CultureInfo.InvariantCulture)))],
            TypedData.DataOneofCase.CollectionSint64 => [.. value.CollectionSint64.Sint64.Select(item => Encoding.UTF8.GetBytes(item.ToString(CultureInfo.InvariantCulture)))],
            _ => [],
        };
    }

    private static IReadOnlyList<byte[]> FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            JsonValueKind.Array => [.. root.EnumerateArray().Select(Element)],
            _ => [Element(root)],
        };
    }

    private static byte[] Element(JsonElement element) =>
        Encoding.UTF8.GetBytes(element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText());
}
