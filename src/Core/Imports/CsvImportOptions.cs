using System.Globalization;

namespace Outreach.Core.Imports;

/// <summary>
/// Limits for every CSV file we read (<c>Outreach:Imports</c>): the leaders file and uploads, and the membership export.
/// A file over a limit is refused as a whole with one problem; a field over <see cref="MaxFieldLength"/> refuses its row.
/// </summary>
public sealed class CsvImportOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Imports";

    /// <summary>Largest file accepted, in bytes (default 16 MiB, as the staff upload endpoint accepts).</summary>
    public long MaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most data rows accepted in one file (default 100,000; a district's leaders are a few thousand).</summary>
    public int MaxRows { get; set; } = 100_000;

    /// <summary>Longest accepted value of any field, in characters after trimming (default 256).</summary>
    public int MaxFieldLength { get; set; } = 256;

    /// <summary>Problems with the limits, each naming its key; empty when they are usable.</summary>
    public IEnumerable<string> Validate(string section)
    {
        if (MaxBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{section}:MaxBytes must be between 1024 and {1024L * 1024 * 1024} bytes.");
        }

        if (MaxRows is < 1 or > 10_000_000)
        {
            yield return $"{section}:MaxRows must be between 1 and 10000000.";
        }

        if (MaxFieldLength is < 16 or > 65_536)
        {
            yield return $"{section}:MaxFieldLength must be between 16 and 65536.";
        }
    }
}
