namespace Outreach.Core.Imports;

/// <summary>
/// The columns a CSV file must and may have. Column names are matched case-insensitively after trimming; their order
/// in the file does not matter.
/// </summary>
public sealed class CsvSchema
{
    /// <summary>Creates a schema.</summary>
    /// <param name="requiredColumns">Columns the header must contain.</param>
    /// <param name="optionalColumns">Columns the header may contain.</param>
    /// <param name="allowUnknownColumns">
    /// When false (the default) a header column that is neither required nor optional makes the header invalid, so that a
    /// misspelt column is reported instead of silently ignored.
    /// </param>
    public CsvSchema(IEnumerable<string> requiredColumns, IEnumerable<string>? optionalColumns = null, bool allowUnknownColumns = false)
    {
        ArgumentNullException.ThrowIfNull(requiredColumns);
        RequiredColumns = [.. requiredColumns];
        OptionalColumns = [.. optionalColumns ?? []];
        AllowUnknownColumns = allowUnknownColumns;
    }

    /// <summary>Columns the header must contain.</summary>
    public IReadOnlyList<string> RequiredColumns { get; }

    /// <summary>Columns the header may contain.</summary>
    public IReadOnlyList<string> OptionalColumns { get; }

    /// <summary>Whether columns outside <see cref="RequiredColumns"/> and <see cref="OptionalColumns"/> are accepted (and ignored).</summary>
    public bool AllowUnknownColumns { get; }

    /// <summary>The header text a well-formed file starts with (required, then optional columns), for messages.</summary>
    public string ExpectedHeader => string.Join(',', RequiredColumns.Concat(OptionalColumns));
}

/// <summary>Limits and dialect of a CSV read.</summary>
public sealed class CsvReadOptions
{
    /// <summary>The defaults: comma-separated, at most 16 MiB.</summary>
    public static CsvReadOptions Default { get; } = new();

    /// <summary>Field separator; a comma as RFC 4180 says. Danish Excel writes ';' ("CSV (semikolonsepareret)").</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>Largest file accepted, in bytes; a larger file is one problem and no records.</summary>
    public long MaxBytes { get; init; } = 16 * 1024 * 1024;
}
