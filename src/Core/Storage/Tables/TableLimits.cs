namespace Outreach.Core.Storage.Tables;

/// <summary>
/// The Table service's rules, checked before a request is sent: Azurite lets some of them through (an entity over
/// 1 MiB on insert, a batch across partitions) and Azure does not, so a test against Azurite would hide the bug.
/// </summary>
internal static class TableLimits
{
    /// <summary>Azure allows 1 KiB keys, Azurite 512 characters; holding to the smaller keeps data portable.</summary>
    public const int MaxKeyLength = 512;

    public const int MaxEntityBytes = 1024 * 1024;

    public const int MaxStringLength = 32 * 1024;

    public const int MaxBinaryBytes = 64 * 1024;

    public const int MaxCustomProperties = 252;

    public const int MaxTransactionActions = 100;

    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    public static void ValidateKey(string key, string name)
    {
        ArgumentNullException.ThrowIfNull(key, name);
        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"{name} is {key.Length} characters long; at most {MaxKeyLength} are allowed.", name);
        }

        foreach (var character in key)
        {
            if (character is '/' or '\\' or '#' or '?' || character <= '\u001F' || character is >= '\u007F' and <= '\u009F')
            {
                throw new ArgumentException(
                    $"{name} contains the character U+{(int)character:X4}, which the Table service does not allow in keys ('/', '\\', '#', '?' and control characters).",
                    name);
            }
        }
    }

    public static void ValidateTableName(string tableName)
    {
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        if (tableName.Length is < 3 or > 63 || !char.IsAsciiLetter(tableName[0]) || !tableName.All(char.IsAsciiLetterOrDigit) ||
            string.Equals(tableName, "tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"'{tableName}' is not a valid table name: 3 to 63 letters and digits, starting with a letter, and not 'tables'.",
                nameof(tableName));
        }
    }

    public static void ValidateEntity(ITableEntity entity, IReadOnlyList<KeyValuePair<string, object>> properties)
    {
        ValidateKey(entity.PartitionKey, nameof(entity.PartitionKey));
        ValidateKey(entity.RowKey, nameof(entity.RowKey));
        if (properties.Count > MaxCustomProperties)
        {
            throw new ArgumentException($"The entity has {properties.Count} properties; at most {MaxCustomProperties} are allowed.", nameof(entity));
        }

        // The size formula of "Understanding the Table service data model".
        long size = 4 + ((entity.PartitionKey.Length + entity.RowKey.Length) * 2L);
        foreach (var (name, value) in properties)
        {
            if (name.Length is 0 or > 255 || name.Contains('-', StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{name}' is not a valid property name.", nameof(entity));
            }

            size += 8 + (name.Length * 2L) + value switch
            {
                string text when text.Length > MaxStringLength =>
                    throw new ArgumentException($"Property '{name}' is {text.Length} characters long; a string can be at most {MaxStringLength}.", nameof(entity)),
                string text => 4 + (text.Length * 2L),
                byte[] bytes when bytes.Length > MaxBinaryBytes =>
                    throw new ArgumentException($"Property '{name}' is {bytes.Length} bytes; a binary value can be at most {MaxBinaryBytes}.", nameof(entity)),
                byte[] bytes => 4 + bytes.Length,
                BinaryData data when data.ToMemory().Length > MaxBinaryBytes =>
                    throw new ArgumentException($"Property '{name}' is {data.ToMemory().Length} bytes; a binary value can be at most {MaxBinaryBytes}.", nameof(entity)),
                BinaryData data => 4 + data.ToMemory().Length,
                Enum member => 4 + (member.ToString().Length * 2L),
                Guid => 16,
                bool => 1,
                int => 4,
                _ => 8,
            };
        }

        if (size > MaxEntityBytes)
        {
            throw new ArgumentException($"The entity is about {size} bytes; the Table service stores at most {MaxEntityBytes} bytes per entity.", nameof(entity));
        }
    }
}
