using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Membership;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Imports;

/// <summary>Staff imports of CSV files under <c>/api/staff/imports</c>: leaders (queues their welcomes) and members (conversions).</summary>
public sealed class ImportFunctions(DiscoveryService discovery, MembershipService membership)
{
    /// <summary>Largest CSV upload accepted (the parser has its own limit too).</summary>
    public const long MaxCsvBytes = 16 * 1024 * 1024;

    /// <summary><c>POST /api/staff/imports/leaders?mode=all-or-nothing|good-rows</c> with a leaders CSV.</summary>
    [Function("ImportLeaders")]
    [StaffAuthorize]
    public async Task<IResult> ImportLeadersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/imports/leaders")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refuse(request, out var mode) is { } problem)
        {
            return problem;
        }

        var report = await discovery.ImportAsync(request.Body, mode, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
        if (report.Rejected)
        {
            return Rejected(report.Problems);
        }

        return TypedResults.Ok(ImportResult.From(report));
    }

    /// <summary><c>POST /api/staff/imports/members?mode=</c> with the membership system's export (CSV).</summary>
    [Function("ImportMembers")]
    [StaffAuthorize]
    public async Task<IResult> ImportMembersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/imports/members")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refuse(request, out var mode) is { } problem)
        {
            return problem;
        }

        var report = await membership.ImportAsync(request.Body, mode, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
        return report.Rejected
            ? Rejected(report.Problems)
            : TypedResults.Ok(new MembershipImportResult(report.Joined, report.Credited, report.Unmatched, report.Problems.Select(ProblemRow.From).ToList()));
    }

    private static ProblemHttpResult? Refuse(HttpRequest request, out ImportMode mode)
    {
        ImportMode? parsed = RequestValues.Query(request, "mode") switch
        {
            null or "" or "all-or-nothing" => ImportMode.AllOrNothing,
            "good-rows" => ImportMode.GoodRows,
            _ => null,
        };
        mode = parsed ?? ImportMode.AllOrNothing;
        if (parsed is null)
        {
            return Problems.Field("mode", "Unknown import mode", "mode is all-or-nothing (the default) or good-rows.");
        }

        return request.ContentLength > MaxCsvBytes
            ? Problems.Status(StatusCodes.Status413PayloadTooLarge, "The file is too large", $"Upload at most {MaxCsvBytes / 1024 / 1024} MiB.")
            : null;
    }

    private static ProblemHttpResult Rejected(IReadOnlyList<SourceProblem> problems) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The file was not imported",
            detail: "Some rows are invalid, so nothing was imported. Fix them, or import with mode=good-rows.",
            extensions: new Dictionary<string, object?> { ["rows"] = problems.Select(ProblemRow.From).ToList() });
}
