using Microsoft.Extensions.Options;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;

namespace Outreach.Core.Imports;

/// <summary>
/// Reads the membership system's export: columns <c>district</c> (required), <c>email</c> and/or <c>sourceId</c>,
/// optionally <c>joinedOn</c> and <c>name</c>; any other columns of the export are ignored. The file is read as
/// <see cref="LeaderCsvParser"/> reads the leaders file (separator, encodings, quoting, limits), and the fields both
/// have are checked by the same rules, so a value gets the same answer in both.
/// </summary>
public sealed class MembershipCsvParser
{
    private static readonly CsvFileFormat Format = new(["district"], ["email", "sourceId", "joinedOn", "name"], AllowUnknownColumns: true);

    private readonly CsvImportOptions limits;
    private readonly ImportFieldRules rules;

    /// <summary>Creates a parser with the default <see cref="CsvImportOptions"/> that checks district codes against <paramref name="districts"/>.</summary>
    public MembershipCsvParser(IDistrictCatalog districts)
        : this(districts, Options.Create(new CsvImportOptions()))
    {
    }

    /// <summary>Creates a parser with the configured limits that checks district codes against <paramref name="districts"/>.</summary>
    public MembershipCsvParser(IDistrictCatalog districts, IOptions<CsvImportOptions> options)
    {
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(options);
        limits = options.Value;
        rules = new ImportFieldRules(districts, limits.MaxFieldLength);
    }

    /// <summary>Reads <paramref name="csv"/> (not closed): its good rows, and its bad rows as problems with their lines.</summary>
    public async Task<MembershipCsvResult> ParseAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var file = await CsvFileReader.ReadAsync(csv, Format, limits, cancellationToken);
        var problems = file.Problems;
        var rows = new List<MembershipRow>(file.Rows.Count);
        foreach (var row in file.Rows)
        {
            var reasons = new List<string>();
            var district = rules.District(row["district"], "district", reasons);
            var email = rules.Email(row["email"], "email", reasons, required: false);
            var sourceId = rules.Text(row["sourceId"], "sourceId", reasons);
            var name = rules.Text(row["name"], "name", reasons);
            var joinedOn = rules.Date(row["joinedOn"], "joinedOn", reasons);
            if (string.IsNullOrWhiteSpace(row["email"]) && string.IsNullOrWhiteSpace(row["sourceId"]))
            {
                reasons.Add("email or sourceId is required");
            }

            if (reasons.Count > 0)
            {
                problems.Add(new SourceProblem(row.Line, null, string.Join("; ", reasons) + "."));
                continue;
            }

            rows.Add(new MembershipRow { Line = row.Line, District = district!.Code, Email = email, SourceId = sourceId, Name = name, JoinedOn = joinedOn });
        }

        problems.Sort((left, right) => Nullable.Compare(left.Line, right.Line));
        return new MembershipCsvResult(rows, problems);
    }
}
