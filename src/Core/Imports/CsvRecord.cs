namespace Outreach.Core.Imports;

/// <summary>One data record of a <see cref="CsvDocument"/>, with the physical line it starts on.</summary>
public sealed class CsvRecord
{
    private readonly IReadOnlyDictionary<string, int> columnIndexes;

    internal CsvRecord(int line, IReadOnlyList<string> fields, IReadOnlyDictionary<string, int> columnIndexes)
    {
        Line = line;
        Fields = fields;
        this.columnIndexes = columnIndexes;
    }

    /// <summary>1-based physical line the record starts on (the header is line 1); a quoted newline makes a record span lines.</summary>
    public int Line { get; }

    /// <summary>The field values in file order, unquoted and untrimmed.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The value of <paramref name="column"/> (case-insensitive); throws when the header has no such column.</summary>
    public string this[string column] =>
        TryGetValue(column, out var value) ? value : throw new KeyNotFoundException($"The CSV header has no column '{column}'.");

    /// <summary>Gets the value of <paramref name="column"/> (case-insensitive) when the header has it.</summary>
    public bool TryGetValue(string column, out string value)
    {
        ArgumentNullException.ThrowIfNull(column);
        if (columnIndexes.TryGetValue(column.Trim(), out var index))
        {
            value = Fields[index];
            return true;
        }

        value = "";
        return false;
    }

    /// <summary>The trimmed value of <paramref name="column"/>, or null when the column is absent or the value blank.</summary>
    public string? GetTrimmedOrNull(string column) =>
        TryGetValue(column, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
