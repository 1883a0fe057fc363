using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;

namespace Outreach.Core.Storage.Tables;

/// <summary>
/// Writes entities as the Table service's JSON (with <c>@odata.type</c> annotations where the type cannot be inferred)
/// and reads them back, either into a <see cref="TableEntity"/> or into a typed entity mapped by its public
/// properties (string, int, long, double, bool, DateTimeOffset, DateTime, Guid, byte[], BinaryData, enums as strings).
/// </summary>
internal static class TableEntitySerializer
{
    private static readonly ConcurrentDictionary<Type, EntityProperty[]> TypedProperties = new();

    /// <summary>The properties to store, keys excluded, nulls left out (as the official client does).</summary>
    public static IReadOnlyList<KeyValuePair<string, object>> PropertiesOf(ITableEntity entity)
    {
        if (entity is TableEntity dynamic)
        {
            return dynamic.CustomProperties.ToList();
        }

        var values = new List<KeyValuePair<string, object>>();
        foreach (var property in PropertiesOf(entity.GetType()))
        {
            var value = property.Info.GetValue(entity);
            if (value is not null)
            {
                values.Add(new(property.Info.Name, property.IsEnum ? value.ToString()! : value));
            }
        }

        return values;
    }

    public static byte[] Serialize(ITableEntity entity)
    {
        var properties = PropertiesOf(entity);
        TableLimits.ValidateEntity(entity, properties);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("PartitionKey", entity.PartitionKey);
            writer.WriteString("RowKey", entity.RowKey);
            foreach (var (name, value) in properties)
            {
                WriteValue(writer, name, value);
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case string text:
                writer.WriteString(name, text);
                break;
            case int number:
                writer.WriteNumber(name, number);
                break;
            case long number:
                writer.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                writer.WriteString(name + "@odata.type", "Edm.Int64");
                break;
            case double number when double.IsFinite(number):
                writer.WriteNumber(name, number);
                writer.WriteString(name + "@odata.type", "Edm.Double");
                break;
            case double number:
                writer.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                writer.WriteString(name + "@odata.type", "Edm.Double");
                break;
            case bool flag:
                writer.WriteBoolean(name, flag);
                break;
            case DateTimeOffset moment:
                WriteDate(writer, name, moment.UtcDateTime);
                break;
            case DateTime moment:
                WriteDate(writer, name, moment.Kind == DateTimeKind.Local ? moment.ToUniversalTime() : DateTime.SpecifyKind(moment, DateTimeKind.Utc));
                break;
            case Guid guid:
                writer.WriteString(name, guid.ToString("D"));
                writer.WriteString(name + "@odata.type", "Edm.Guid");
                break;
            case byte[] bytes:
                writer.WriteBase64String(name, bytes);
                writer.WriteString(name + "@odata.type", "Edm.Binary");
                break;
            case BinaryData data:
                writer.WriteBase64String(name, data.ToMemory().Span);
                writer.WriteString(name + "@odata.type", "Edm.Binary");
                break;
            case Enum member:
                writer.WriteString(name, member.ToString());
                break;
            default:
                throw new NotSupportedException($"Property '{name}' has type {value.GetType().Name}, which a table cannot store.");
        }
    }

    private static void WriteDate(Utf8JsonWriter writer, string name, DateTime utc)
    {
        writer.WriteString(name, utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        writer.WriteString(name + "@odata.type", "Edm.DateTime");
    }

    public static T Deserialize<T>(JsonElement element, ETag headerETag = default)
        where T : class, ITableEntity, new()
    {
        if (typeof(T) == typeof(TableEntity))
        {
            return (T)(ITableEntity)ToTableEntity(element, headerETag);
        }

        var entity = new T();
        ReadKeys(entity, element, headerETag);
        foreach (var property in PropertiesOf(typeof(T)))
        {
            if (element.TryGetProperty(property.Info.Name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                property.Info.SetValue(entity, ConvertTo(property, value));
            }
        }

        return entity;
    }

    private static TableEntity ToTableEntity(JsonElement element, ETag headerETag)
    {
        var entity = new TableEntity();
        ReadKeys(entity, element, headerETag);
        foreach (var property in element.EnumerateObject())
        {
            var name = property.Name;
            if (name is "PartitionKey" or "RowKey" or "Timestamp" || name.StartsWith("odata.", StringComparison.Ordinal) ||
                name.EndsWith("@odata.type", StringComparison.Ordinal))
            {
                continue;
            }

            var type = element.TryGetProperty(name + "@odata.type", out var annotation) ? annotation.GetString() : null;
            entity[name] = ReadUntyped(property.Value, type);
        }

        return entity;
    }

    private static object ReadUntyped(JsonElement value, string? edmType) => edmType switch
    {
        "Edm.Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        "Edm.Guid" => Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture),
        "Edm.Binary" => value.GetBytesFromBase64(),
        "Edm.Double" => value.ValueKind == JsonValueKind.String ? ParseSpecialDouble(value.GetString()!) : value.GetDouble(),
        _ => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetInt32(out var integer) => integer,
            JsonValueKind.Number => value.GetDouble(),
            _ => value.GetRawText(),
        },
    };

    private static void ReadKeys(ITableEntity entity, JsonElement element, ETag headerETag)
    {
        entity.PartitionKey = element.TryGetProperty("PartitionKey", out var partitionKey) ? partitionKey.GetString() ?? "" : "";
        entity.RowKey = element.TryGetProperty("RowKey", out var rowKey) ? rowKey.GetString() ?? "" : "";
        if (element.TryGetProperty("Timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String)
        {
            entity.Timestamp = DateTimeOffset.Parse(timestamp.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        entity.ETag = element.TryGetProperty("odata.etag", out var etag) && etag.GetString() is { } text ? new ETag(text) : headerETag;
    }

    private static object ConvertTo(EntityProperty property, JsonElement value)
    {
        var type = property.ValueType;
        if (property.IsEnum)
        {
            return Enum.Parse(type, value.GetString()!, ignoreCase: false);
        }

        if (type == typeof(string))
        {
            return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        }

        if (type == typeof(int))
        {
            return value.ValueKind == JsonValueKind.String ? int.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt32();
        }

        if (type == typeof(long))
        {
            return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, CultureInfo.InvariantCulture) : value.GetInt64();
        }

        if (type == typeof(double))
        {
            return value.ValueKind == JsonValueKind.String ? ParseSpecialDouble(value.GetString()!) : value.GetDouble();
        }

        if (type == typeof(bool))
        {
            return value.GetBoolean();
        }

        if (type == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (type == typeof(DateTime))
        {
            return DateTime.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        if (type == typeof(Guid))
        {
            return Guid.Parse(value.GetString()!, CultureInfo.InvariantCulture);
        }

        if (type == typeof(byte[]))
        {
            return value.GetBytesFromBase64();
        }

        if (type == typeof(BinaryData))
        {
            return new BinaryData(value.GetBytesFromBase64());
        }

        throw new NotSupportedException($"Property '{property.Info.Name}' has type {type.Name}, which a table cannot store.");
    }

    private static double ParseSpecialDouble(string text) => text switch
    {
        "NaN" => double.NaN,
        "Infinity" => double.PositiveInfinity,
        "-Infinity" => double.NegativeInfinity,
        _ => double.Parse(text, CultureInfo.InvariantCulture),
    };

    private static EntityProperty[] PropertiesOf(Type type) => TypedProperties.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
            .Where(p => p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
            .Where(p => p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .Select(p =>
            {
                var valueType = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
                return new EntityProperty(p, valueType, valueType.IsEnum);
            })
            .ToArray());

    private sealed record EntityProperty(PropertyInfo Info, Type ValueType, bool IsEnum);
}
