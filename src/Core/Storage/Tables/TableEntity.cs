using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Outreach.Core.Storage.Tables;

/// <summary>
/// A schemaless entity: the keys plus any named values (string, int, long, double, bool, DateTimeOffset, Guid,
/// byte[]). Mirrors <c>Azure.Data.Tables.TableEntity</c>; the dictionary view includes the keys, Timestamp and the
/// ETag (<c>odata.etag</c>) as the official type does.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Same name as Azure.Data.Tables.TableEntity.")]
public sealed class TableEntity : ITableEntity, IDictionary<string, object>
{
    private const string PartitionKeyName = "PartitionKey";
    private const string RowKeyName = "RowKey";
    private const string TimestampName = "Timestamp";
    private const string ETagName = "odata.etag";

    private readonly Dictionary<string, object> properties = new(StringComparer.Ordinal);

    /// <summary>Creates an empty entity.</summary>
    public TableEntity()
    {
        PartitionKey = "";
        RowKey = "";
    }

    /// <summary>Creates an entity with the given keys.</summary>
    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Creates an entity from named values (keys included, when present).</summary>
    public TableEntity(IDictionary<string, object> values)
        : this()
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var (key, value) in values)
        {
            this[key] = value;
        }
    }

    /// <inheritdoc />
    public string PartitionKey { get; set; }

    /// <inheritdoc />
    public string RowKey { get; set; }

    /// <inheritdoc />
    public DateTimeOffset? Timestamp { get; set; }

    /// <inheritdoc />
    public ETag ETag { get; set; }

    /// <summary>The value named <paramref name="key"/>; setting null removes it.</summary>
    public object this[string key]
    {
        get => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The entity has no property '{key}'.");
        set
        {
            switch (key)
            {
                case PartitionKeyName:
                    PartitionKey = (string)value;
                    break;
                case RowKeyName:
                    RowKey = (string)value;
                    break;
                case TimestampName:
                    Timestamp = value as DateTimeOffset?;
                    break;
                case ETagName:
                    ETag = value is null ? default : new ETag(value.ToString()!);
                    break;
                default:
                    if (value is null)
                    {
                        properties.Remove(key);
                    }
                    else
                    {
                        properties[key] = value;
                    }

                    break;
            }
        }
    }

    /// <summary>The custom property names (keys, Timestamp and ETag excluded).</summary>
    internal IEnumerable<KeyValuePair<string, object>> CustomProperties => properties;

    /// <inheritdoc />
    public ICollection<string> Keys => this.Select(p => p.Key).ToList();

    /// <inheritdoc />
    public ICollection<object> Values => this.Select(p => p.Value).ToList();

    /// <inheritdoc />
    public int Count => 2 + (Timestamp is null ? 0 : 1) + (ETag == default ? 0 : 1) + properties.Count;

    /// <inheritdoc />
    public bool IsReadOnly => false;

    /// <summary>The string value, or null when absent.</summary>
    public string? GetString(string key) => Get<string>(key);

    /// <summary>The 32-bit integer value, or null when absent.</summary>
    public int? GetInt32(string key) => TryGetValue(key, out var value) ? value switch
    {
        int i => i,
        long l => checked((int)l),
        _ => throw Mismatch(key, typeof(int), value),
    } : null;

    /// <summary>The 64-bit integer value, or null when absent.</summary>
    public long? GetInt64(string key) => TryGetValue(key, out var value) ? value switch
    {
        long l => l,
        int i => i,
        _ => throw Mismatch(key, typeof(long), value),
    } : null;

    /// <summary>The floating-point value, or null when absent.</summary>
    public double? GetDouble(string key) => TryGetValue(key, out var value) ? value switch
    {
        double d => d,
        int i => i,
        long l => l,
        _ => throw Mismatch(key, typeof(double), value),
    } : null;

    /// <summary>The Boolean value, or null when absent.</summary>
    public bool? GetBoolean(string key) => Get<bool?>(key);

    /// <summary>The date and time value, or null when absent.</summary>
    public DateTimeOffset? GetDateTimeOffset(string key) => TryGetValue(key, out var value) ? value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, d.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : d.Kind)),
        _ => throw Mismatch(key, typeof(DateTimeOffset), value),
    } : null;

    /// <summary>The GUID value, or null when absent.</summary>
    public Guid? GetGuid(string key) => Get<Guid?>(key);

    /// <summary>The binary value, or null when absent.</summary>
    public byte[]? GetBinary(string key) => TryGetValue(key, out var value) ? value switch
    {
        byte[] bytes => bytes,
        BinaryData data => data.ToArray(),
        _ => throw Mismatch(key, typeof(byte[]), value),
    } : null;

    /// <summary>The binary value as <see cref="BinaryData"/>, or null when absent.</summary>
    public BinaryData? GetBinaryData(string key) => GetBinary(key) is { } bytes ? new BinaryData(bytes) : null;

    /// <inheritdoc />
    public void Add(string key, object value)
    {
        if (ContainsKey(key))
        {
            throw new ArgumentException($"The entity already has a property '{key}'.", nameof(key));
        }

        this[key] = value;
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => TryGetValue(key, out _);

    /// <inheritdoc />
    public bool Remove(string key) => properties.Remove(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value)
    {
        value = key switch
        {
            PartitionKeyName => PartitionKey,
            RowKeyName => RowKey,
            TimestampName => Timestamp,
            ETagName => ETag == default ? null : ETag.ToString(),
            _ => properties.GetValueOrDefault(key),
        };
        return value is not null;
    }

    /// <inheritdoc />
    public void Add(KeyValuePair<string, object> item) => Add(item.Key, item.Value);

    /// <inheritdoc />
    public void Clear() => properties.Clear();

    /// <inheritdoc />
    public bool Contains(KeyValuePair<string, object> item) => TryGetValue(item.Key, out var value) && Equals(value, item.Value);

    /// <inheritdoc />
    public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) => this.ToList().CopyTo(array, arrayIndex);

    /// <inheritdoc />
    public bool Remove(KeyValuePair<string, object> item) => Contains(item) && Remove(item.Key);

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return new(PartitionKeyName, PartitionKey);
        yield return new(RowKeyName, RowKey);
        if (Timestamp is { } timestamp)
        {
            yield return new(TimestampName, timestamp);
        }

        if (ETag != default)
        {
            yield return new(ETagName, ETag.ToString());
        }

        foreach (var property in properties)
        {
            yield return property;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private T? Get<T>(string key) => TryGetValue(key, out var value)
        ? value is T typed ? typed : throw Mismatch(key, typeof(T), value)
        : default;

    private static InvalidOperationException Mismatch(string key, Type wanted, object value) =>
        new($"Property '{key}' holds a {value.GetType().Name}, not a {Nullable.GetUnderlyingType(wanted)?.Name ?? wanted.Name}.");
}
