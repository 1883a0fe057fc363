using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Delta;
using Outreach.Core.Email;

namespace Outreach.Core.Discovery.Graph;

/// <summary>
/// Finds newly hired leaders with the Microsoft Graph users delta query (source name <c>graph</c>). The first read walks
/// every page and saves the delta link in <see cref="IDiscoveryCursorStore"/>; later reads return only the changes. When
/// Graph rejects the saved link (410 Gone, or <c>syncStateNotFound</c> once the token is older than 7 days) the source
/// starts a full resync, which discovery absorbs because it resolves people it already knows.
/// </summary>
public sealed partial class GraphLeaderSource : ILeaderSource
{
    /// <summary>The source name recorded on leaders from Graph.</summary>
    public const string SourceName = "graph";

    /// <summary>The cursor key of the users delta link.</summary>
    public const string DeltaCursorKey = "graph:usersdelta";

    /// <summary>The user properties the delta query tracks; a change to any other property is not reported.</summary>
    internal static readonly string[] SelectedProperties =
    [
        "id", "displayName", "mail", "userPrincipalName", "jobTitle", "department", "companyName", "officeLocation",
        "employeeHireDate", "accountEnabled",
    ];

    private readonly GraphServiceClient client;
    private readonly GraphLeaderSourceOptions options;
    private readonly IDiscoveryCursorStore cursors;
    private readonly TimeProvider time;
    private readonly ILogger<GraphLeaderSource> logger;
    private readonly JobTitleRules rules;

    /// <summary>Creates the source over <paramref name="client"/> (built by <see cref="GraphClients.Create"/> on the IHttpClientFactory client in production).</summary>
    public GraphLeaderSource(GraphServiceClient client, IOptions<GraphLeaderSourceOptions> options, IDiscoveryCursorStore cursors, TimeProvider time, ILogger<GraphLeaderSource> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.client = client;
        this.options = options.Value;
        this.cursors = cursors;
        this.time = time;
        this.logger = logger;
        rules = new JobTitleRules(this.options.JobTitleContains, this.options.JobTitlePatterns, this.options.JobTitleExcludes);
    }

    /// <inheritdoc />
    public string Name => SourceName;

    /// <inheritdoc />
    public async Task<LeaderSourceResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        var savedLink = await cursors.GetAsync(DeltaCursorKey, cancellationToken);
        DeltaGetResponse? page;
        try
        {
            page = savedLink is null ? await GetFirstPageAsync(cancellationToken) : await GetPageAsync(savedLink, cancellationToken);
        }
        catch (ODataError error) when (savedLink is not null && IsSyncReset(error))
        {
            LogDeltaLinkRejected(logger, error.ResponseStatusCode, error.Error?.Code);
            await cursors.SetAsync(DeltaCursorKey, null, cancellationToken);
            page = await GetFirstPageAsync(cancellationToken);
        }

        var leaders = new List<SourcedLeader>();
        var removed = new List<string>();
        var problems = new List<SourceProblem>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var pages = 0;
        while (page is not null)
        {
            pages++;
            foreach (var user in page.Value ?? [])
            {
                Classify(user, today, leaders, removed, problems);
            }

            if (!string.IsNullOrEmpty(page.OdataNextLink))
            {
                page = await GetPageAsync(page.OdataNextLink, cancellationToken);
                continue;
            }

            if (!string.IsNullOrEmpty(page.OdataDeltaLink))
            {
                // The whole URL is kept: Graph encodes the $select of the first request into the token.
                await cursors.SetAsync(DeltaCursorKey, page.OdataDeltaLink, cancellationToken);
            }
            else
            {
                LogNoDeltaLink(logger);
            }

            break;
        }

        LogRead(logger, pages, leaders.Count, removed.Count, problems.Count);
        return new LeaderSourceResult(leaders, removed, problems);
    }

    private Task<DeltaGetResponse?> GetFirstPageAsync(CancellationToken cancellationToken) =>
        client.Users.Delta.GetAsDeltaGetResponseAsync(request => request.QueryParameters.Select = SelectedProperties, cancellationToken);

    // nextLink and deltaLink are used exactly as Graph returned them (the SDK has no skiptoken/deltatoken parameters).
    private Task<DeltaGetResponse?> GetPageAsync(string link, CancellationToken cancellationToken) =>
        client.Users.Delta.WithUrl(link).GetAsDeltaGetResponseAsync(cancellationToken: cancellationToken);

    private static bool IsSyncReset(ODataError error) =>
        error.ResponseStatusCode == 410
        || string.Equals(error.Error?.Code, "syncStateNotFound", StringComparison.OrdinalIgnoreCase)
        || string.Equals(error.Error?.Code, "resyncRequired", StringComparison.OrdinalIgnoreCase);

    private void Classify(User user, DateOnly today, List<SourcedLeader> leaders, List<string> removed, List<SourceProblem> problems)
    {
        if (string.IsNullOrEmpty(user.Id))
        {
            return;
        }

        if (user.AdditionalData?.ContainsKey("@removed") == true)
        {
            removed.Add(user.Id);
            return;
        }

        if (user.AccountEnabled == false || !rules.IsLeader(user.JobTitle))
        {
            return;
        }

        DateOnly? hireDate = user.EmployeeHireDate is { } hired ? DateOnly.FromDateTime(hired.UtcDateTime) : null;
        if (options.HiredWithinDays > 0 && (hireDate is null || hireDate < today.AddDays(-options.HiredWithinDays)))
        {
            return;
        }

        var email = !string.IsNullOrWhiteSpace(user.Mail) ? user.Mail.Trim() : user.UserPrincipalName?.Trim();
        if (string.IsNullOrEmpty(email) || !EmailAddresses.IsValid(email))
        {
            problems.Add(new SourceProblem(null, user.Id, "The user has no valid mail or userPrincipalName."));
            return;
        }

        var district = FindDistrict(user);
        if (district is null)
        {
            problems.Add(new SourceProblem(null, user.Id, "No district mapping matches the user's department or company, and no default district is set."));
            return;
        }

        leaders.Add(new SourcedLeader
        {
            District = district,
            SourceId = user.Id,
            Name = string.IsNullOrWhiteSpace(user.DisplayName) ? email : user.DisplayName.Trim(),
            Email = email,
            JobTitle = user.JobTitle?.Trim(),
            Workplace = FirstNonBlank(user.OfficeLocation, user.Department),
            Municipality = null,
            HireDate = hireDate,
            Membership = MembershipStatus.Unknown,
            Source = SourceName,
        });
    }

    private string? FindDistrict(User user)
    {
        if (user.Department is { } department && options.DistrictByDepartment.TryGetValue(department.Trim(), out var byDepartment))
        {
            return byDepartment;
        }

        if (user.CompanyName is { } company && options.DistrictByCompany.TryGetValue(company.Trim(), out var byCompany))
        {
            return byCompany;
        }

        return string.IsNullOrWhiteSpace(options.DefaultDistrict) ? null : options.DefaultDistrict;
    }

    private static string? FirstNonBlank(params string?[] values) =>
        values.FirstOrDefault(value => !string.IsNullOrWhiteSpace(value))?.Trim();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph rejected the saved users delta link (status {StatusCode}, code {ErrorCode}); starting a full resync")]
    private static partial void LogDeltaLinkRejected(ILogger logger, int statusCode, string? errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph users delta ended without a delta link; the next read will be a full sync")]
    private static partial void LogNoDeltaLink(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Read Graph users delta: {PageCount} pages, {LeaderCount} leaders, {RemovedCount} removed, {ProblemCount} problems")]
    private static partial void LogRead(ILogger logger, int pageCount, int leaderCount, int removedCount, int problemCount);
}
