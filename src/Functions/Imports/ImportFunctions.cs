using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Outreach.Core.Discovery;
using Outreach.Core.Imports;
using Outreach.Core.Leaders;
using Outreach.Core.Membership;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Imports;

/// <summary>Staff imports of CSV files under <c>/api/staff/imports</c>: leaders (queues their welcomes) and members (conversions).</summary>
/// <remarks>
/// An upload is read once, up to <c>Outreach:Imports:MaxBytes</c> (<see cref="CsvImportOptions.MaxBytes"/>, the limit the
/// parser applies to every CSV file) plus one byte; a larger one is a 413 naming <c>body</c>, anything but CSV a 415.
/// </remarks>
public sealed class ImportFunctions(DiscoveryService discovery, MembershipService membership, IOptions<CsvImportOptions> limits)
{

    /// <summary><c>POST /api/staff/imports/leaders?mode=all-or-nothing|good-rows</c> with a leaders CSV.</summary>
    [Function("ImportLeaders")]
    [StaffAuthorize]
    public async Task<IResult> ImportLeadersAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/imports/leaders")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (csv, mode, problem) = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var body = csv!;
        var report = await discovery.ImportAsync(body, mode, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
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
        var (csv, mode, problem) = await ReadAsync(request, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        using var body = csv!;
        var report = await membership.ImportAsync(body, mode, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
        return report.Rejected
            ? Rejected(report.Problems)
            : TypedResults.Ok(new MembershipImportResult(report.Joined, report.Credited, report.Unmatched, report.Problems.Select(ProblemRow.From).ToList()));
    }

    // The mode and the uploaded file (bounded), or the problem with either; nothing is parsed before both are acceptable.
    private async Task<(MemoryStream? Csv, ImportMode Mode, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ImportMode? mode = RequestValues.Query(request, "mode") switch
        {
            null or "" or "all-or-nothing" => ImportMode.AllOrNothing,
            "good-rows" => ImportMode.GoodRows,
            _ => null,
        };
        if (mode is null)
        {
            return (null, default, Problems.Field("mode", "Unknown import mode", "mode is all-or-nothing (the default) or good-rows."));
        }

        if (RequestBodies.RequireCsv(request) is { } unsupported)
        {
            return (null, default, unsupported);
        }

        var maxBytes = limits.Value.MaxBytes;
        return await RequestBodies.ReadAsync(request, maxBytes, cancellationToken).ConfigureAwait(false) is { } bytes
            ? (new MemoryStream(bytes, writable: false), mode.Value, null)
            : (null, default, RequestBodies.TooLarge(maxBytes));
    }

    private static ProblemHttpResult Rejected(IReadOnlyList<SourceProblem> problems) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The file was not imported",
            detail: "Some rows are invalid, so nothing was imported. Fix them, or import with mode=good-rows.",
            extensions: new Dictionary<string, object?> { ["rows"] = problems.Select(ProblemRow.From).ToList() });
}
