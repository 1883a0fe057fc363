using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using System.Text;
using Azure.Data.Tables;

namespace Outreach.Core.Storage;

/// <summary>
/// The limits of Azure Table and Queue Storage, checked before a request. Azurite accepts an entity over 1 MiB on insert
/// and a transaction across partitions; Azure refuses both, so without these checks a test would pass that production
/// fails. Sizes follow Microsoft's entity size formula (strings count two bytes a character).
/// </summary>
internal static class StorageLimits
{
    /// <summary>PartitionKey and RowKey: at most 1 KiB, i.e. 512 UTF-16 characters (Azurite refuses longer keys too).</summary>
    public const int MaxKeyCharacters = 512;

    /// <summary>A string property: at most 64 KiB, i.e. 32 Ki UTF-16 characters.</summary>
    public const int MaxStringCharacters = 32 * 1024;

    /// <summary>An entity: at most 1 MiB with every property.</summary>
    public const int MaxEntityBytes = 1024 * 1024;

    /// <summary>An entity group transaction: at most 100 actions, all on one partition.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>A queue message: at most 64 KiB of message text (after Base64).</summary>
    public const int MaxQueueMessageBytes = 64 * 1024;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> StoredProperties = new();

    /// <summary>Refuses a key with a character Azure does not allow (<c>/ \ # ?</c> and control characters) or over 1 KiB.</summary>
    public static void CheckKey(string key, string name)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length > MaxKeyCharacters)
        {
            throw new StorageLimitException($"{name} is {key.Length} characters long; Azure allows {MaxKeyCharacters}.");
        }

        foreach (var character in key)
        {
            if (character is '/' or '\\' or '#' or '?' || char.IsControl(character))
            {
                throw new StorageLimitException(
                    string.Create(CultureInfo.InvariantCulture, $"{name} contains the character U+{(int)character:X4}, which Azure does not allow in keys."));
            }
        }
    }

    /// <summary>Refuses an entity Azure would refuse: bad keys, a string over 64 KiB, or more than 1 MiB in all.</summary>
    public static void CheckEntity(ITableEntity entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        CheckKey(entity.PartitionKey, "PartitionKey");
        CheckKey(entity.RowKey, "RowKey");
        long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        foreach (var (name, value) in Properties(entity))
        {
            if (value is string text && text.Length > MaxStringCharacters)
            {
                throw new StorageLimitException($"Property {name} is {text.Length} characters long; Azure allows {MaxStringCharacters}.");
            }

            size += 8 + (name.Length * 2L) + SizeOf(value);
        }

        if (size > MaxEntityBytes)
        {
            throw new StorageLimitException(string.Create(CultureInfo.InvariantCulture, $"The entity is {size} bytes; Azure allows {MaxEntityBytes}."));
        }
    }

    /// <summary>Refuses a transaction Azure would refuse: over 100 actions, several partitions, a row twice, or a bad entity.</summary>
    public static void CheckTransaction(IReadOnlyList<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        if (actions.Count is 0 or > MaxTransactionActions)
        {
            throw new StorageLimitException($"A transaction has 1 to {MaxTransactionActions} actions; this one has {actions.Count}.");
        }

        var partition = actions[0].Entity.PartitionKey;
        var rows = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            if (!string.Equals(action.Entity.PartitionKey, partition, StringComparison.Ordinal))
            {
                throw new StorageLimitException("A transaction acts on one partition only; Azure refuses one across partitions.");
            }

            if (!rows.Add(action.Entity.RowKey))
            {
                throw new StorageLimitException("A transaction acts on each row once.");
            }

            CheckEntity(action.Entity);
        }
    }

    /// <summary>Refuses a queue message whose text (after Base64) is over 64 KiB.</summary>
    public static void CheckQueueMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = (Encoding.UTF8.GetByteCount(text) + 2) / 3 * 4;
        if (encoded > MaxQueueMessageBytes)
        {
            throw new StorageLimitException(string.Create(CultureInfo.InvariantCulture, $"The queue message is {encoded} bytes in Base64; Azure allows {MaxQueueMessageBytes}."));
        }
    }

    private static IEnumerable<(string Name, object? Value)> Properties(ITableEntity entity)
    {
        if (entity is TableEntity dynamic)
        {
            foreach (var (name, value) in dynamic)
            {
                if (name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                {
                    yield return (name, value);
                }
            }

            yield break;
        }

        foreach (var property in StoredProperties.GetOrAdd(entity.GetType(), StoredPropertiesOf))
        {
            yield return (property.Name, property.GetValue(entity));
        }
    }

    // What the SDK writes: public readable properties other than the keys, Timestamp and ETag, unless [IgnoreDataMember].
    private static PropertyInfo[] StoredPropertiesOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .Where(p => p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag)))
            .ToArray();

    private static long SizeOf(object? value) => value switch
    {
        null => 0,
        string text => 4 + (text.Length * 2L),
        byte[] bytes => 4 + bytes.Length,
        BinaryData data => 4 + data.ToMemory().Length,
        bool => 1,
        int => 4,
        Enum name => 4 + (name.ToString().Length * 2L),
        Guid => 16,
        _ => 8,
    };
}
