using System.Globalization;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;

namespace Outreach.Core.Discovery;

/// <summary>
/// Reads the leaders CSV format, shared by the file source and the staff import: UTF-8 (with or without BOM), header
/// <c>district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member</c> (any order, no other columns).
/// </summary>
/// <remarks>
/// Per row: <c>district</c> must be a configured district code (case-insensitive); <c>sourceId</c>, <c>name</c> and
/// <c>email</c> are required; <c>email</c> must be one plain address (<see cref="EmailAddresses.IsValid"/>);
/// <c>hireDate</c> is blank or an ISO 8601 calendar date <c>yyyy-MM-dd</c>; <c>member</c> is one of
/// <see cref="MembershipValues.Accepted"/>; <c>jobTitle</c>, <c>workplace</c>, <c>municipality</c> are optional. Values are
/// trimmed and at most <see cref="MaxFieldLength"/> characters. A <c>sourceId</c> or e-mail address (normalised) that an
/// earlier good row of the same file already has is a problem on the later row. Each bad row is one
/// <see cref="SourceProblem"/> with its line and every reason, in English; good rows are returned regardless, and the
/// caller decides whether a file with problems is used in part or refused.
/// </remarks>
public sealed class LeaderCsvParser
{
    /// <summary>Longest accepted value of any field.</summary>
    public const int MaxFieldLength = 256;

    /// <summary>The columns of the format, in the documented order.</summary>
    public static readonly CsvSchema Schema = new(["district", "sourceId", "name", "email", "jobTitle", "workplace", "municipality", "hireDate", "member"]);

    private readonly IDistrictCatalog districts;

    /// <summary>Creates a parser that checks district codes against <paramref name="districts"/>.</summary>
    public LeaderCsvParser(IDistrictCatalog districts)
    {
        ArgumentNullException.ThrowIfNull(districts);
        this.districts = districts;
    }

    /// <summary>Reads <paramref name="csv"/> (not closed) and returns its good rows as leaders of source <paramref name="sourceName"/>, and its bad rows as problems.</summary>
    public async Task<LeaderSourceResult> ParseAsync(Stream csv, string sourceName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceName);

        var document = await CsvDocument.ReadAsync(csv, Schema, cancellationToken: cancellationToken);
        var problems = document.Problems.Select(problem => new SourceProblem(problem.Line, null, problem.Reason)).ToList();
        var leaders = new List<SourcedLeader>(document.Records.Count);
        var lineBySourceId = new Dictionary<string, int>(StringComparer.Ordinal);
        var lineByEmail = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var record in document.Records)
        {
            var reasons = new List<string>();
            var leader = ReadRow(record, sourceName, reasons);
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
                problems.Add(new SourceProblem(record.Line, null, Capitalize(string.Join("; ", reasons)) + "."));
                continue;
            }

            lineBySourceId[leader.SourceId] = record.Line;
            lineByEmail[EmailAddresses.Normalize(leader.Email)] = record.Line;
            leaders.Add(leader);
        }

        problems.Sort((left, right) => Nullable.Compare(left.Line, right.Line));
        return new LeaderSourceResult(leaders, [], problems);
    }

    private SourcedLeader? ReadRow(CsvRecord record, string sourceName, List<string> reasons)
    {
        foreach (var column in Schema.RequiredColumns)
        {
            if (record[column].Trim().Length > MaxFieldLength)
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{column} is longer than {MaxFieldLength} characters"));
            }
        }

        var districtCode = record.GetTrimmedOrNull("district");
        DistrictOptions? district = null;
        if (districtCode is null)
        {
            reasons.Add("district is missing");
        }
        else if ((district = districts.Find(districtCode.ToLowerInvariant())) is null)
        {
            reasons.Add($"district '{districtCode}' is not a known district");
        }

        var sourceId = record.GetTrimmedOrNull("sourceId");
        if (sourceId is null)
        {
            reasons.Add("sourceId is missing");
        }

        var name = record.GetTrimmedOrNull("name");
        if (name is null)
        {
            reasons.Add("name is missing");
        }

        var email = record.GetTrimmedOrNull("email");
        if (email is null)
        {
            reasons.Add("email is missing");
        }
        else if (!EmailAddresses.IsValid(email))
        {
            reasons.Add("email is not a valid e-mail address");
        }

        DateOnly? hireDate = null;
        var hireDateText = record.GetTrimmedOrNull("hireDate");
        if (hireDateText is not null)
        {
            if (DateOnly.TryParseExact(hireDateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                hireDate = parsed;
            }
            else
            {
                reasons.Add($"hireDate '{hireDateText}' is not a date in the form yyyy-MM-dd");
            }
        }

        var memberText = record.GetTrimmedOrNull("member");
        if (!MembershipValues.TryParse(memberText, out var membership))
        {
            reasons.Add($"member '{memberText}' is not one of {MembershipValues.Accepted}");
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
            JobTitle = record.GetTrimmedOrNull("jobTitle"),
            Workplace = record.GetTrimmedOrNull("workplace"),
            Municipality = record.GetTrimmedOrNull("municipality"),
            HireDate = hireDate,
            Membership = membership,
            Source = sourceName,
        };
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
