namespace Outreach.Core.Imports;

/// <summary>One data record of a CSV file: its physical line and the raw (untrimmed) values of the columns the format reads.</summary>
internal sealed class CsvImportRow
{
    private readonly Dictionary<string, string> values;

    public CsvImportRow(int line, Dictionary<string, string> values)
    {
        Line = line;
        this.values = values;
    }

    /// <summary>1-based physical line the record starts on, counting the header, blank lines and lines inside quoted fields.</summary>
    public int Line { get; }

    /// <summary>The raw value of <paramref name="column"/>, or null when the file has no such column.</summary>
    public string? this[string column] => values.TryGetValue(column, out var value) ? value : null;
}
