namespace Outreach.Core.Imports;

/// <summary>
/// The columns one kind of CSV file must and may have. Column names are matched case-insensitively after trimming;
/// their order in the file does not matter.
/// </summary>
/// <param name="RequiredColumns">Columns the header must contain.</param>
/// <param name="OptionalColumns">Columns the header may contain.</param>
/// <param name="AllowUnknownColumns">
/// Whether other columns are accepted (and ignored). A file of ours refuses them, so a misspelt column is reported instead
/// of silently ignored; another system's export (the membership system) has columns we do not read.
/// </param>
internal sealed record CsvFileFormat(IReadOnlyList<string> RequiredColumns, IReadOnlyList<string> OptionalColumns, bool AllowUnknownColumns)
{
    /// <summary>The header a well-formed file starts with (required, then optional columns), for messages.</summary>
    public string ExpectedHeader => string.Join(',', RequiredColumns.Concat(OptionalColumns));

    /// <summary>Every column the format reads.</summary>
    public IEnumerable<string> Columns => RequiredColumns.Concat(OptionalColumns);
}
