using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Outreach.Core.Imports;

/// <summary>
/// A CSV file read per RFC 4180: UTF-8 with or without a byte order mark, comma-separated, fields optionally quoted
/// (quoted fields may hold commas, doubled quotes and line breaks), lines ending in CRLF or LF. The first record is the
/// header and is checked against a <see cref="CsvSchema"/>. Every data record carries the physical line it starts on.
/// </summary>
/// <remarks>
/// Faults in the file are never exceptions: a record that cannot be read (wrong field count, bytes that are not UTF-8, a
/// quote in the wrong place, a quoted field that is never closed) becomes a <see cref="CsvProblem"/> with its line, and
/// the other records are still returned. When the header itself is wrong there are no records, only problems. Blank
/// lines are skipped. The caller decides whether a file with problems is used in part or refused.
/// </remarks>
public sealed class CsvDocument
{
    private CsvDocument(int headerLine, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> records, IReadOnlyList<CsvProblem> problems, bool headerIsValid)
    {
        HeaderLine = headerLine;
        Header = header;
        Records = records;
        Problems = problems;
        HeaderIsValid = headerIsValid;
    }

    /// <summary>The physical line of the header (1 unless the file starts with blank lines).</summary>
    public int HeaderLine { get; }

    /// <summary>The header's column names, trimmed, in file order (empty when the file had no header).</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>False when the header is missing or does not fit the schema; then <see cref="Records"/> is empty.</summary>
    public bool HeaderIsValid { get; }

    /// <summary>The well-formed data records, in file order.</summary>
    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>Everything that could not be read, in file order.</summary>
    public IReadOnlyList<CsvProblem> Problems { get; }

    /// <summary>Reads the whole of <paramref name="stream"/> (it is not closed) and parses it.</summary>
    public static async Task<CsvDocument> ReadAsync(Stream stream, CsvSchema schema, CsvReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(schema);
        options ??= CsvReadOptions.Default;

        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(), cancellationToken)) > 0)
            {
                if (buffer.Length + read > options.MaxBytes)
                {
                    return Failed(null, string.Create(CultureInfo.InvariantCulture, $"The file is larger than the limit of {options.MaxBytes} bytes."));
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), schema, options);
    }

    /// <summary>Parses UTF-8 bytes (a leading byte order mark is skipped).</summary>
    public static CsvDocument Parse(ReadOnlySpan<byte> utf8, CsvSchema schema, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        options ??= CsvReadOptions.Default;
        if (options.Delimiter is '"' or '\r' or '\n')
        {
            throw new ArgumentException("The delimiter cannot be a quote or a line break.", nameof(options));
        }

        var invalidPositions = new List<int>();
        var text = Decode(utf8, invalidPositions);
        var rawRecords = CsvTokenizer.Tokenize(text, options.Delimiter, invalidPositions);
        return Build(rawRecords, schema);
    }

    private static CsvDocument Failed(int? line, string reason) =>
        new(1, [], [], [new CsvProblem(line, reason)], headerIsValid: false);

    private static CsvDocument Build(List<CsvTokenizer.RawRecord> rawRecords, CsvSchema schema)
    {
        if (rawRecords.Count == 0)
        {
            return Failed(1, $"The file is empty; expected the header '{schema.ExpectedHeader}'.");
        }

        var headerRecord = rawRecords[0];
        if (headerRecord.Problem is not null)
        {
            return new CsvDocument(headerRecord.Line, [], [], [new CsvProblem(headerRecord.Line, "The header cannot be read: " + headerRecord.Problem)], headerIsValid: false);
        }

        var header = headerRecord.Fields.Select(name => name.Trim()).ToArray();
        var headerProblems = ValidateHeader(header, schema, headerRecord.Line);
        if (headerProblems.Count > 0)
        {
            return new CsvDocument(headerRecord.Line, header, [], headerProblems, headerIsValid: false);
        }

        var columnIndexes = new Dictionary<string, int>(header.Length, StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columnIndexes[header[i]] = i;
        }

        var records = new List<CsvRecord>(rawRecords.Count - 1);
        var problems = new List<CsvProblem>();
        foreach (var raw in rawRecords.Skip(1))
        {
            if (raw.Problem is not null)
            {
                problems.Add(new CsvProblem(raw.Line, raw.Problem));
            }
            else if (raw.Fields.Count != header.Length)
            {
                problems.Add(new CsvProblem(raw.Line, string.Create(CultureInfo.InvariantCulture,
                    $"Expected {header.Length} fields as in the header, found {raw.Fields.Count}.")));
            }
            else
            {
                records.Add(new CsvRecord(raw.Line, raw.Fields, columnIndexes));
            }
        }

        return new CsvDocument(headerRecord.Line, header, records, problems, headerIsValid: true);
    }

    private static List<CsvProblem> ValidateHeader(string[] header, CsvSchema schema, int line)
    {
        var problems = new List<CsvProblem>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var duplicates = header.Where(name => !seen.Add(name)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (duplicates.Length > 0)
        {
            problems.Add(new CsvProblem(line, $"The header names {Quote(duplicates)} more than once."));
        }

        if (header.Any(string.IsNullOrEmpty))
        {
            problems.Add(new CsvProblem(line, "The header has an empty column name."));
        }

        var missing = schema.RequiredColumns.Where(column => !seen.Contains(column)).ToArray();
        if (missing.Length > 0)
        {
            problems.Add(new CsvProblem(line, $"The header lacks the column(s) {Quote(missing)}; expected '{schema.ExpectedHeader}'."));
        }

        if (!schema.AllowUnknownColumns)
        {
            var known = new HashSet<string>(schema.RequiredColumns.Concat(schema.OptionalColumns), StringComparer.OrdinalIgnoreCase);
            var unknown = header.Where(name => name.Length > 0 && !known.Contains(name)).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (unknown.Length > 0)
            {
                problems.Add(new CsvProblem(line, $"The header has unknown column(s) {Quote(unknown)}; expected '{schema.ExpectedHeader}'."));
            }
        }

        return problems;
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(name => $"'{name}'"));

    // Strict UTF-8: every invalid byte becomes U+FFFD and its position is kept, so the record holding it is reported
    // (a Windows-1252 export from Excel is the usual cause) instead of importing a mangled name.
    private static string Decode(ReadOnlySpan<byte> bytes, List<int> invalidPositions)
    {
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (bytes.StartsWith(byteOrderMark))
        {
            bytes = bytes[byteOrderMark.Length..];
        }

        // UTF-16 never needs more code units than UTF-8 has bytes, and each replacement stands for at least one byte.
        var chars = new char[bytes.Length];
        var written = 0;
        while (!bytes.IsEmpty)
        {
            var status = Utf8.ToUtf16(bytes, chars.AsSpan(written), out var bytesRead, out var charsWritten, replaceInvalidSequences: false, isFinalBlock: true);
            written += charsWritten;
            bytes = bytes[bytesRead..];
            if (status == OperationStatus.Done)
            {
                break;
            }

            if (status != OperationStatus.InvalidData)
            {
                throw new InvalidOperationException($"Unexpected UTF-8 decoder status {status}.");
            }

            invalidPositions.Add(written);
            chars[written++] = '\uFFFD';
            bytes = bytes[1..];
        }

        return new string(chars, 0, written);
    }
}
