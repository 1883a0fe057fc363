using System.Globalization;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;

namespace Outreach.Core.RecipientLists;

/// <summary>
/// Reads an uploaded recipient list: header <c>email,name</c> with the optional columns <c>municipality</c> and
/// <c>role</c> (any order and case, no other columns, so a misspelt column is reported rather than ignored), read by
/// <see cref="CsvFileReader"/> like every other import (<c>,</c> or <c>;</c>, UTF-8 with or without BOM or
/// Windows-1252, quoted line breaks, the limits of <see cref="CsvImportOptions"/>) and checked by
/// <see cref="ImportFieldRules"/> (trimmed, not too long, never a spreadsheet formula).
/// </summary>
/// <remarks>
/// Every bad field is one <see cref="RecipientListProblem"/> with the physical line the record starts on. An address
/// that an earlier good row has (after <see cref="EmailAddresses.Normalize"/>) is kept once: the later row is reported
/// as a duplicate and not taken, so each person gets one mail.
/// </remarks>
internal sealed class RecipientListCsvParser
{
    private static readonly CsvFileFormat Format = new(["email", "name"], ["municipality", "role"], AllowUnknownColumns: false);

    private readonly CsvImportOptions limits;
    private readonly ImportFieldRules rules;

    public RecipientListCsvParser(IOptions<CsvImportOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        limits = options.Value;

        // A list has no district column; the rules only need a catalog for district fields, which this format lacks.
        rules = new ImportFieldRules(NoDistricts.Instance, limits.MaxFieldLength);
    }

    /// <summary>The header of the format, in the documented order.</summary>
    public static string ExpectedHeader => Format.ExpectedHeader;

    /// <summary>Reads <paramref name="csv"/> (not closed): the good rows (one per address) and every problem by line.</summary>
    public async Task<RecipientListCsvResult> ParseAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var file = await CsvFileReader.ReadAsync(csv, Format, limits, cancellationToken).ConfigureAwait(false);

        // The reader's problems (file limits, header, malformed records) concern the file or a whole row, not one field.
        var problems = file.Problems
            .Select(problem => new RecipientListProblem(problem.Line ?? 0, IsAboutTheFile(problem.Reason) ? "file" : "row", problem.Reason))
            .ToList();
        var entries = new List<RecipientListEntry>(file.Rows.Count);
        var lineByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows)
        {
            var before = problems.Count;
            var email = Field(row.Line, "email", problems, reasons => rules.Email(row["email"], "email", reasons));
            var name = Field(row.Line, "name", problems, reasons => rules.Name(row["name"], "name", reasons));
            var municipality = Field(row.Line, "municipality", problems, reasons => rules.Text(row["municipality"], "municipality", reasons));
            var role = Field(row.Line, "role", problems, reasons => rules.Text(row["role"], "role", reasons));
            if (problems.Count > before)
            {
                continue;
            }

            var key = EmailAddresses.Hash(email!);
            if (lineByKey.TryGetValue(key, out var firstLine))
            {
                problems.Add(new RecipientListProblem(
                    row.Line,
                    "email",
                    string.Create(CultureInfo.InvariantCulture, $"email is already on line {firstLine}; the address gets one mail, so this row is not taken.")));
                continue;
            }

            lineByKey[key] = row.Line;
            entries.Add(new RecipientListEntry(key, email!, name!, municipality, role, row.Line));
        }

        problems.Sort((left, right) => left.Line.CompareTo(right.Line));
        return new RecipientListCsvResult(entries, problems);
    }

    // The reader words what refuses the whole file (its size, row count, header, emptiness) as "The file …"/"The header …".
    private static bool IsAboutTheFile(string reason) =>
        reason.StartsWith("The file", StringComparison.Ordinal) || reason.StartsWith("The header", StringComparison.Ordinal);

    private static string? Field(int line, string field, List<RecipientListProblem> problems, Func<List<string>, string?> read)
    {
        var reasons = new List<string>();
        var value = read(reasons);
        if (reasons.Count > 0)
        {
            problems.Add(new RecipientListProblem(line, field, string.Join("; ", reasons) + "."));
        }

        return value;
    }

    private sealed class NoDistricts : IDistrictCatalog
    {
        public static readonly NoDistricts Instance = new();

        public IReadOnlyList<DistrictOptions> All => [];

        public DistrictOptions? Find(string code) => null;

        public DistrictOptions GetRequired(string code) => throw new KeyNotFoundException("A recipient list has no district column.");
    }
}
