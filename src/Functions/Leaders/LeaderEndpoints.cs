using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Membership;

namespace Outreach.Functions.Leaders;

/// <summary>
/// Staff endpoints for leaders under <c>/api/staff</c>: list and read leaders, their history and the conversion funnel,
/// record decisions, and import the leaders and membership CSV files.
/// </summary>
public static class LeaderEndpoints
{
    /// <summary>Largest CSV upload accepted (the parser has its own limit too).</summary>
    private const long MaxCsvBytes = 16 * 1024 * 1024;

    /// <summary>Maps the leader endpoints onto the (already authenticated) staff group.</summary>
    public static RouteGroupBuilder MapLeaderEndpoints(this RouteGroupBuilder staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        var leaders = staff.MapGroup("/leaders").WithTags("Leaders");
        leaders.MapGet("/", ListAsync).WithName("ListLeaders");
        leaders.MapGet("/{district}/{leaderId}", GetAsync).WithName("GetLeader");
        leaders.MapGet("/{district}/{leaderId}/events", GetEventsAsync).WithName("GetLeaderEvents");
        leaders.MapPost("/{district}/{leaderId}/decisions", RecordDecisionAsync).WithName("RecordLeaderDecision");
        staff.MapGet("/funnel", GetFunnelAsync).WithTags("Leaders").WithName("GetFunnel");
        var imports = staff.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/leaders", ImportLeadersAsync).WithName("ImportLeaders").Accepts<string>("text/csv");
        imports.MapPost("/members", ImportMembersAsync).WithName("ImportMembers").Accepts<string>("text/csv");
        staff.MapPost("/discovery/runs", RunDiscoveryAsync).WithTags("Imports").WithName("RunDiscovery");
        return staff;
    }

    private static async Task<Results<Ok<IReadOnlyList<LeaderView>>, ProblemHttpResult>> ListAsync(
        string? district, LeaderState? state, string? municipality, int? limit, IDistrictCatalog districts, LeaderQueries queries, CancellationToken cancellationToken)
    {
        if (UnknownDistrict(district, districts) is { } problem)
        {
            return problem;
        }

        var found = await queries.ListAsync(new LeaderQuery { District = district!, State = state, Municipality = municipality, Limit = limit ?? 200 }, cancellationToken);
        return TypedResults.Ok(found);
    }

    private static async Task<Results<Ok<LeaderView>, ProblemHttpResult>> GetAsync(string district, string leaderId, LeaderQueries queries, CancellationToken cancellationToken) =>
        await queries.GetAsync(district, leaderId, cancellationToken) is { } leader ? TypedResults.Ok(leader) : LeaderNotFound(district, leaderId);

    private static async Task<Results<Ok<IReadOnlyList<LeaderEventView>>, ProblemHttpResult>> GetEventsAsync(string district, string leaderId, LeaderQueries queries, CancellationToken cancellationToken)
    {
        if (await queries.GetAsync(district, leaderId, cancellationToken) is null)
        {
            return LeaderNotFound(district, leaderId);
        }

        return TypedResults.Ok(await queries.GetEventsAsync(district, leaderId, cancellationToken));
    }

    private static async Task<Results<Ok<LeaderView>, ProblemHttpResult>> RecordDecisionAsync(
        string district, string leaderId, DecisionRequest request, ClaimsPrincipal user, MembershipService membership, CancellationToken cancellationToken)
    {
        if (request.Decision is not (LeaderState.Joined or LeaderState.Declined))
        {
            return FieldProblem("decision", "Unsupported decision", "Staff can record Joined or Declined.");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return FieldProblem("reason", "A reason is required", "Say why, so that the history explains the decision.");
        }

        LeaderView? leader;
        try
        {
            leader = await membership.RecordDecisionAsync(new StaffDecision(district, leaderId, request.Decision, Actor(user), request.Reason.Trim()), cancellationToken);
        }
        catch (InvalidFieldException exception)
        {
            return FieldProblem(exception.Field, "The decision was not recorded", exception.Message);
        }

        return leader is null ? LeaderNotFound(district, leaderId) : TypedResults.Ok(leader);
    }

    private static async Task<Results<Ok<FunnelReport>, ProblemHttpResult>> GetFunnelAsync(string? district, IDistrictCatalog districts, LeaderQueries queries, CancellationToken cancellationToken)
    {
        if (UnknownDistrict(district, districts) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await queries.GetFunnelAsync(district!, cancellationToken));
    }

    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> ImportLeadersAsync(
        HttpRequest request, string? mode, ClaimsPrincipal user, DiscoveryService discovery, CancellationToken cancellationToken)
    {
        if (ParseMode(mode) is not { } importMode)
        {
            return BadMode();
        }

        if (TooLarge(request) is { } tooLarge)
        {
            return tooLarge;
        }

        var report = await discovery.ImportAsync(request.Body, importMode, Actor(user), cancellationToken);
        if (report.Rejected)
        {
            return Rejected(report.Problems);
        }

        return TypedResults.Ok(ImportResult.From(report));
    }

    // Discovery on demand (DESIGN §3.1): the same run as the daily DiscoverLeaders timer, for staff who just updated a source.
    private static async Task<Ok<ImportResult>> RunDiscoveryAsync(DiscoveryService discovery, CancellationToken cancellationToken)
    {
        var report = await discovery.RunAsync(cancellationToken);
        return TypedResults.Ok(ImportResult.From(report));
    }

    private static async Task<Results<Ok<MembershipImportResult>, ProblemHttpResult>> ImportMembersAsync(
        HttpRequest request, string? mode, ClaimsPrincipal user, MembershipService membership, CancellationToken cancellationToken)
    {
        if (ParseMode(mode) is not { } importMode)
        {
            return BadMode();
        }

        if (TooLarge(request) is { } tooLarge)
        {
            return tooLarge;
        }

        var report = await membership.ImportAsync(request.Body, importMode, Actor(user), cancellationToken);
        if (report.Rejected)
        {
            return Rejected(report.Problems);
        }

        return TypedResults.Ok(new MembershipImportResult(report.Joined, report.Credited, report.Unmatched, report.Problems.Select(ProblemRow.From).ToList()));
    }

    private static string Actor(ClaimsPrincipal user) => user.Identity?.Name is { Length: > 0 } name ? name : "staff";

    private static ImportMode? ParseMode(string? mode) => mode switch
    {
        null or "" or "all-or-nothing" => ImportMode.AllOrNothing,
        "good-rows" => ImportMode.GoodRows,
        _ => null,
    };

    private static ProblemHttpResult BadMode() =>
        FieldProblem("mode", "Unknown import mode", "mode is all-or-nothing (the default) or good-rows.");

    private static ProblemHttpResult? TooLarge(HttpRequest request) =>
        request.ContentLength > MaxCsvBytes
            ? TypedResults.Problem(statusCode: 413, title: "The file is too large", detail: $"Upload at most {MaxCsvBytes / 1024 / 1024} MiB.")
            : null;

    private static ProblemHttpResult Rejected(IReadOnlyList<Core.Discovery.SourceProblem> problems) =>
        TypedResults.Problem(
            statusCode: 422,
            title: "The file was not imported",
            detail: "Some rows are invalid, so nothing was imported. Fix them, or import with mode=good-rows.",
            extensions: new Dictionary<string, object?> { ["rows"] = problems.Select(ProblemRow.From).ToList() });

    private static ProblemHttpResult? UnknownDistrict(string? district, IDistrictCatalog districts) =>
        string.IsNullOrWhiteSpace(district) || districts.Find(district) is null
            ? FieldProblem("district", "Unknown district", "Give district as one of: " + string.Join(", ", districts.All.Select(d => d.Code)) + ".")
            : null;

    // RFC 9457 with the field at fault, in the "errors" shape of ASP.NET Core's validation problems.
    private static ProblemHttpResult FieldProblem(string field, string title, string detail) =>
        TypedResults.Problem(
            statusCode: 400,
            title: title,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [detail] } });

    private static ProblemHttpResult LeaderNotFound(string district, string leaderId) =>
        TypedResults.Problem(statusCode: 404, title: "No such leader", detail: $"District '{district}' has no leader '{leaderId}'.");
}

/// <summary>A staff decision about a leader.</summary>
/// <param name="Decision">Joined or Declined.</param>
/// <param name="Reason">Why; kept in the leader's history.</param>
public sealed record DecisionRequest(LeaderState Decision, string Reason);

/// <summary>What a leaders import did.</summary>
public sealed record ImportResult(int Discovered, int Updated, int Unchanged, int WelcomesQueued, IReadOnlyList<ProblemRow> Problems)
{
    internal static ImportResult From(DiscoveryReport report) =>
        new(report.Discovered, report.Updated, report.Unchanged, report.QueuedWelcomes.Count, report.Problems.Select(ProblemRow.From).ToList());
}

/// <summary>What a membership import did.</summary>
public sealed record MembershipImportResult(int Joined, int Credited, int Unmatched, IReadOnlyList<ProblemRow> Problems);

/// <summary>A row that could not be used.</summary>
public sealed record ProblemRow(int? Line, string? Item, string Reason)
{
    internal static ProblemRow From(Core.Discovery.SourceProblem problem) => new(problem.Line, problem.Item, problem.Reason);
}
