using System.Globalization;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;

namespace Outreach.Core.Discovery;

/// <summary>
/// Reads the leaders CSV format, shared by the file source and the staff import: header
/// <c>district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member</c> (any order, no other columns),
/// separated by <c>,</c> or <c>;</c>, in UTF-8 (with or without BOM) or Windows-1252, as Danish Excel saves it.
/// </summary>
/// <remarks>
/// Per row: <c>district</c> must be a configured district code (any case; the canonical code is kept); <c>sourceId</c>,
/// <c>name</c> and <c>email</c> are required; <c>email</c> must be one plain address; <c>hireDate</c> is blank or a date
/// (<see cref="ImportFieldRules.DateForms"/>); <c>member</c> is one of <see cref="MembershipValues.Accepted"/>; the other
/// columns are optional. Values are trimmed, at most <see cref="CsvImportOptions.MaxFieldLength"/> characters, and never
/// start as a spreadsheet formula (the row is refused). A <c>sourceId</c> or e-mail address (normalised) that an earlier
/// good row already has is a problem on the later row. Each bad row is one <see cref="SourceProblem"/> with its physical
/// line and every reason, naming the column; good rows are returned regardless, and the caller decides whether a file
/// with problems is used in part or refused.
/// </remarks>
public sealed class LeaderCsvParser
{
    private static readonly CsvFileFormat Format = new(
        ["district", "sourceId", "name", "email", "jobTitle", "workplace", "municipality", "hireDate", "member"],
        [],
        AllowUnknownColumns: false);

    private readonly CsvImportOptions limits;
    private readonly ImportFieldRules rules;

    /// <summary>Creates a parser with the default <see cref="CsvImportOptions"/> that checks district codes against <paramref name="districts"/>.</summary>
    public LeaderCsvParser(IDistrictCatalog districts)
        : this(districts, Options.Create(new CsvImportOptions()))
    {
    }

    /// <summary>Creates a parser with the configured limits that checks district codes against <paramref name="districts"/>.</summary>
    public LeaderCsvParser(IDistrictCatalog districts, IOptions<CsvImportOptions> options)
    {
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(options);
        limits = options.Value;
        rules = new ImportFieldRules(districts, limits.MaxFieldLength);
    }

    /// <summary>The header of the format, in the documented order.</summary>
    public static string ExpectedHeader => Format.ExpectedHeader;

    /// <summary>Reads <paramref name="csv"/> (not closed) and returns its good rows as leaders of source <paramref name="sourceName"/>, and its bad rows as problems.</summary>
    public async Task<LeaderSourceResult> ParseAsync(Stream csv, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);

        var file = await CsvFileReader.ReadAsync(csv, Format, limits, cancellationToken);
        var problems = file.Problems;
        var leaders = new List<SourcedLeader>(file.Rows.Count);
        var lineBySourceId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineByEmail = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var row in file.Rows)
        {
            var reasons = new List<string>();
            var leader = ReadRow(row, sourceName, reasons);
            if (leader is not null)
            {
                if (lineBySourceId.TryGetValue(leader.SourceId, out var sourceIdLine))
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"sourceId is already used on line {sourceIdLine}"));
                }

                if (lineByEmail.TryGetValue(EmailAddresses.Normalize(leader.Email), out var emailLine))
                {
                    reasons.Add(string.Create(CultureInfo.InvariantCulture, $"email is already used on line {emailLine}"));
                }
            }

            if (leader is null || reasons.Count > 0)
            {
                problems.Add(new SourceProblem(row.Line, null, string.Join("; ", reasons) + "."));
                continue;
            }

            lineBySourceId[leader.SourceId] = row.Line;
            lineByEmail[EmailAddresses.Normalize(leader.Email)] = row.Line;
            leaders.Add(leader);
        }

        problems.Sort((left, right) => Nullable.Compare(left.Line, right.Line));
        return new LeaderSourceResult(leaders, [], problems);
    }

    /// <summary>One row by the format's rules; null, with the reasons (each starting with the column's name), when it is refused.</summary>
    internal SourcedLeader? ReadRow(CsvImportRow row, string sourceName, List<string> reasons)
    {
        var district = rules.District(row["district"], "district", reasons);
        var sourceId = rules.Text(row["sourceId"], "sourceId", reasons, required: true);
        var name = rules.Name(row["name"], "name", reasons);
        var email = rules.Email(row["email"], "email", reasons);
        var jobTitle = rules.Text(row["jobTitle"], "jobTitle", reasons);
        var workplace = rules.Text(row["workplace"], "workplace", reasons);
        var municipality = rules.Text(row["municipality"], "municipality", reasons);
        var hireDate = rules.Date(row["hireDate"], "hireDate", reasons);
        var memberText = rules.Text(row["member"], "member", reasons);
        if (!MembershipValues.TryParse(memberText, out var membership))
        {
            reasons.Add($"member {ImportText.Quote(memberText!)} is not one of {MembershipValues.Accepted}");
        }

        if (reasons.Count > 0)
        {
            return null;
        }

        return new SourcedLeader
        {
            District = district!.Code,
            SourceId = sourceId!,
            Name = name!,
            Email = email!,
            JobTitle = jobTitle,
            Workplace = workplace,
            Municipality = municipality,
            HireDate = hireDate,
            Membership = membership,
            Source = sourceName,
        };
    }
}
