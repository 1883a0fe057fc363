using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using Outreach.Core.Districts;
using Outreach.Core.Email;

namespace Outreach.Core.Discovery.Graph;

/// <summary>
/// Reads leaders from a SharePoint list through Graph (source name <c>sharepoint</c>):
/// <c>/sites/{site-id}/lists/{list-id}/items?expand=fields</c>, following <c>@odata.nextLink</c>. Every read returns the
/// whole list; discovery resolves people it already knows. The list item id is the source id.
/// </summary>
public sealed partial class SharePointLeaderSource : ILeaderSource
{
    /// <summary>The source name recorded on leaders from the list.</summary>
    public const string SourceName = "sharepoint";

    private readonly GraphServiceClient client;
    private readonly SharePointLeaderSourceOptions options;
    private readonly IDistrictCatalog districts;
    private readonly ILogger<SharePointLeaderSource> logger;

    /// <summary>Creates the source over <paramref name="client"/> (built by <see cref="GraphClients.Create"/> on the IHttpClientFactory client in production).</summary>
    public SharePointLeaderSource(GraphServiceClient client, IOptions<SharePointLeaderSourceOptions> options, IDistrictCatalog districts, ILogger<SharePointLeaderSource> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(logger);
        this.client = client;
        this.options = options.Value;
        this.districts = districts;
        this.logger = logger;
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public async Task<LeaderSourceResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var items = client.Sites[options.SiteId].Lists[options.ListId].Items;
        var page = await items.GetAsync(request => request.QueryParameters.Expand = ["fields"], cancellationToken);

        var leaders = new List<SourcedLeader>();
        var problems = new List<SourceProblem>();
        var pages = 0;
        while (page is not null)
        {
            pages++;
            foreach (var item in page.Value ?? [])
            {
                Map(item, leaders, problems);
            }

            if (string.IsNullOrEmpty(page.OdataNextLink))
            {
                break;
            }

            page = await items.WithUrl(page.OdataNextLink).GetAsync(cancellationToken: cancellationToken);
        }

        LogRead(logger, pages, leaders.Count, problems.Count);
        return new LeaderSourceResult(leaders, [], problems);
    }

    private void Map(ListItem item, List<SourcedLeader> leaders, List<SourceProblem> problems)
    {
        if (string.IsNullOrEmpty(item.Id))
        {
            return;
        }

        var fields = item.Fields?.AdditionalData ?? new Dictionary<string, object>();
        var columns = options.Columns;
        var reasons = new List<string>();

        var name = Text(fields, columns.Name);
        if (name is null)
        {
            reasons.Add($"{columns.Name} (name) is missing");
        }

        var email = Text(fields, columns.Email);
        if (email is null)
        {
            reasons.Add($"{columns.Email} (email) is missing");
        }
        else if (!EmailAddresses.IsValid(email))
        {
            reasons.Add($"{columns.Email} (email) is not a valid e-mail address");
        }

        var districtCode = Text(fields, columns.District) ?? options.District;
        var district = districtCode is null ? null : districts.Find(districtCode.ToLowerInvariant());
        if (district is null)
        {
            reasons.Add($"district '{districtCode}' is not a known district");
        }

        DateOnly? hireDate = null;
        var hireDateText = Text(fields, columns.HireDate);
        if (hireDateText is not null)
        {
            if (DateTimeOffset.TryParse(hireDateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                hireDate = DateOnly.FromDateTime(parsed.UtcDateTime);
            }
            else
            {
                reasons.Add($"{columns.HireDate} (hire date) '{hireDateText}' is not an ISO 8601 date");
            }
        }

        var memberText = Text(fields, columns.Member);
        if (!MembershipValues.TryParse(memberText, out var membership) && !TryParseBoolean(memberText, out membership))
        {
            reasons.Add($"{columns.Member} (member) '{memberText}' is not one of {MembershipValues.Accepted}");
        }

        if (reasons.Count > 0)
        {
            problems.Add(new SourceProblem(null, item.Id, string.Join("; ", reasons) + "."));
            return;
        }

        leaders.Add(new SourcedLeader
        {
            District = district!.Code,
            SourceId = item.Id,
            Name = name!,
            Email = email!,
            JobTitle = Text(fields, columns.JobTitle),
            Workplace = Text(fields, columns.Workplace),
            Municipality = Text(fields, columns.Municipality),
            HireDate = hireDate,
            Membership = membership,
            Source = SourceName,
        });
    }

    // A yes/no column arrives as a JSON boolean.
    private static bool TryParseBoolean(string? value, out MembershipStatus status)
    {
        if (bool.TryParse(value, out var member))
        {
            status = member ? MembershipStatus.Member : MembershipStatus.NonMember;
            return true;
        }

        status = MembershipStatus.Unknown;
        return false;
    }

    // Field values arrive as Kiota primitives or untyped nodes depending on the JSON type; all are read as text.
    private static string? Text(IDictionary<string, object> fields, string? column)
    {
        if (string.IsNullOrWhiteSpace(column) || !fields.TryGetValue(column, out var value) || value is null)
        {
            return null;
        }

        var text = value switch
        {
            string plain => plain,
            UntypedString untyped => untyped.GetValue(),
            UntypedBoolean untyped => untyped.GetValue() ? "true" : "false",
            UntypedInteger untyped => untyped.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedLong untyped => untyped.GetValue().ToString(CultureInfo.InvariantCulture),
            UntypedDouble untyped => untyped.GetValue().ToString(CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            DateTimeOffset moment => moment.ToString("O", CultureInfo.InvariantCulture),
            DateTime moment => moment.ToString("O", CultureInfo.InvariantCulture),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read SharePoint list: {PageCount} pages, {LeaderCount} leaders, {ProblemCount} problems")]
    private static partial void LogRead(ILogger logger, int pageCount, int leaderCount, int problemCount);
}
