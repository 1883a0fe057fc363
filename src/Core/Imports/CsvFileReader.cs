using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Outreach.Core.Discovery;

namespace Outreach.Core.Imports;

/// <summary>
/// Reads a CSV file with CsvHelper the way Danish Excel writes them: comma- or semicolon-separated (decided from the
/// header line, or Excel's <c>sep=</c> line), UTF-8 with or without a byte order mark or else Windows-1252, quoted fields
/// with separators, doubled quotes and line breaks. Faults are problems with the physical line the record starts on,
/// never exceptions; the file's limits (<see cref="CsvImportOptions"/>) refuse the whole file.
/// </summary>
internal static class CsvFileReader
{
    // The provider hands out Windows-1252 without registering it process-wide (Encoding.RegisterProvider): .NET ships the
    // code pages in the shared framework (System.Text.Encoding.CodePages) but only UTF-8/16/32, ASCII and Latin-1 by default.
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available from CodePagesEncodingProvider.");

    public static async Task<CsvImportFile> ReadAsync(Stream csv, CsvFileFormat format, CsvImportOptions limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var bytes = await ReadBoundedAsync(csv, limits.MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return Refused(null, string.Create(CultureInfo.InvariantCulture, $"The file is larger than the limit of {limits.MaxBytes} bytes."));
        }

        return Parse(ToUtf8(bytes), format, limits);
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream csv, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await csv.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Valid UTF-8 is UTF-8 (a byte order mark or not); anything else is what Excel writes for "CSV (semikolonsepareret)"
    // on a Danish Windows: Windows-1252. A UTF-16 file has its byte order mark, which CsvHelper honours.
    private static byte[] ToUtf8(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || Utf8.IsValid(bytes))
        {
            return bytes;
        }

        return Encoding.UTF8.GetBytes(Windows1252.GetString(bytes));
    }

    private static CsvImportFile Parse(byte[] utf8, CsvFileFormat format, CsvImportOptions limits)
    {
        var problems = new List<SourceProblem>();
        var options = CsvReaderOptions.Default with
        {
            Separator = DetectSeparator(utf8),
            DetectSeparatorHint = true,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Skip,
            IncludeValuesInExceptions = false,
            OnMalformedRecord = malformed => problems.Add(new SourceProblem((int)malformed.LineNumber, null, Describe(malformed.Reason))),
        };

        using var reader = CsvReader.Create(utf8, options);
        reader.ReadHeader();
        if (reader.Headers.Count == 0)
        {
            return Refused(1, $"The file is empty; expected the header '{format.ExpectedHeader}'.");
        }

        var headerLine = (int)reader.LineNumber;
        var columns = MapHeader(reader.Headers, format, headerLine, problems);
        if (columns is null)
        {
            return new CsvImportFile([], problems);
        }

        var rows = new List<CsvImportRow>();
        try
        {
            while (reader.Read())
            {
                if (rows.Count == limits.MaxRows)
                {
                    return Refused(null, string.Create(CultureInfo.InvariantCulture, $"The file has more than {limits.MaxRows} rows; split it into smaller files."));
                }

                var values = new Dictionary<string, string>(columns.Count, StringComparer.Ordinal);
                foreach (var (column, index) in columns)
                {
                    values[column] = reader.GetString(index);
                }

                rows.Add(new CsvImportRow((int)reader.LineNumber, values));
            }
        }
        catch (CsvFormatException exception)
        {
            // Only what the reader cannot recover from lands here; the records before it are kept and reported as usual.
            problems.Add(new SourceProblem(exception.LineNumber > 0 ? (int)exception.LineNumber : null, null, "The file cannot be read from here on: " + exception.Message));
        }

        return new CsvImportFile(rows, problems);
    }

    // The header line decides between ',' and ';' (our column names contain neither). Excel's "sep=;" first line is left
    // to CsvHelper, which reads it, skips it and counts its line.
    private static char? DetectSeparator(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? utf8[3..] : utf8;
        while (utf8.Length > 0 && utf8[0] is (byte)'\r' or (byte)'\n')
        {
            utf8 = utf8[1..];
        }

        var end = utf8.IndexOfAny((byte)'\r', (byte)'\n');
        var header = end < 0 ? utf8 : utf8[..end];
        if (header.StartsWith("sep="u8))
        {
            return null;
        }

        return header.Count((byte)';') > header.Count((byte)',') ? ';' : ',';
    }

    private static Dictionary<string, int>? MapHeader(IReadOnlyList<string> header, CsvFileFormat format, int line, List<SourceProblem> problems)
    {
        var indexes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var duplicates = new List<string>();
        var unknown = new List<string>();
        var known = new HashSet<string>(format.Columns, StringComparer.OrdinalIgnoreCase);
        for (var index = 0; index < header.Count; index++)
        {
            // Excel writes empty header cells for formatted but empty columns; they carry nothing we read.
            var name = header[index].Trim();
            if (name.Length == 0)
            {
                continue;
            }

            if (!indexes.TryAdd(name, index))
            {
                duplicates.Add(name);
            }
            else if (!known.Contains(name))
            {
                unknown.Add(name);
            }
        }

        var before = problems.Count;
        if (duplicates.Count > 0)
        {
            problems.Add(new SourceProblem(line, null, $"The header names {List(duplicates)} more than once."));
        }

        var missing = format.RequiredColumns.Where(column => !indexes.ContainsKey(column)).ToList();
        if (missing.Count > 0)
        {
            problems.Add(new SourceProblem(line, null, $"The header lacks the column(s) {List(missing)}; expected '{format.ExpectedHeader}'."));
        }

        if (!format.AllowUnknownColumns && unknown.Count > 0)
        {
            problems.Add(new SourceProblem(line, null, $"The header has unknown column(s) {List(unknown)}; expected '{format.ExpectedHeader}'."));
        }

        if (problems.Count > before)
        {
            return null;
        }

        // Keyed by the format's spelling, so parsers ask for "sourceId" whatever case the file used.
        return format.Columns.Where(indexes.ContainsKey).ToDictionary(column => column, column => indexes[column], StringComparer.Ordinal);
    }

    private static string List(IEnumerable<string> names) => string.Join(", ", names.Distinct(StringComparer.OrdinalIgnoreCase).Select(ImportText.Quote));

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.FieldCountMismatch => "The row does not have as many fields as the header.",
        CsvMalformedReason.UnterminatedQuote => "A quoted field starting in this row is never closed.",
        CsvMalformedReason.StrayQuote => "A quote appears inside an unquoted field; quote the whole field and double the quote.",
        CsvMalformedReason.TextAfterClosingQuote => "Text follows the closing quote of a field.",
        _ => "The row cannot be read (" + reason + ").",
    };

    private static CsvImportFile Refused(int? line, string reason) => new([], [new SourceProblem(line, null, reason)]);
}
