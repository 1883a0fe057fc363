using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Membership;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Leaders;

/// <summary>
/// Staff functions for leaders under <c>/api/staff</c>: list and read leaders, their history and the conversion funnel,
/// and record decisions.
/// </summary>
public sealed class LeaderFunctions(IDistrictCatalog districts, LeaderQueries queries, MembershipService membership)
{
    /// <summary>Leaders listed when the request names no <c>limit</c>.</summary>
    public const int DefaultLimit = 200;

    /// <summary><c>GET /api/staff/leaders?district=&amp;state=&amp;municipality=&amp;limit=</c>.</summary>
    [Function("ListLeaders")]
    [StaffAuthorize]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/leaders")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (district, districtProblem) = RequestValues.District(RequestValues.Query(request, "district"), districts);
        var (state, stateProblem) = RequestValues.OptionalEnum<LeaderState>(RequestValues.Query(request, "state"), "state");
        var (limit, limitProblem) = RequestValues.OptionalInt(RequestValues.Query(request, "limit"), "limit", DefaultLimit, 1, 1000);
        if ((districtProblem ?? stateProblem ?? limitProblem) is { } problem)
        {
            return problem;
        }

        var municipality = RequestValues.Query(request, "municipality");
        if (RequestValues.Municipality(municipality) is { } municipalityProblem)
        {
            return municipalityProblem;
        }

        var query = new LeaderQuery { District = district!, State = state, Municipality = municipality, Limit = limit };
        return TypedResults.Ok(await queries.ListAsync(query, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>GET /api/staff/leaders/{district}/{leaderId}</c>.</summary>
    [Function("GetLeader")]
    [StaffAuthorize]
    public async Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/leaders/{district}/{leaderId}")] HttpRequest request,
        string district,
        string leaderId,
        CancellationToken cancellationToken)
    {
        var (code, problem) = Validate(district, leaderId);
        if (problem is not null)
        {
            return problem;
        }

        return await queries.GetAsync(code, leaderId, cancellationToken).ConfigureAwait(false) is { } leader
            ? TypedResults.Ok(leader)
            : LeaderNotFound(code, leaderId);
    }

    /// <summary><c>GET /api/staff/leaders/{district}/{leaderId}/events</c>: who moved the leader, when, and why.</summary>
    [Function("GetLeaderEvents")]
    [StaffAuthorize]
    public async Task<IResult> GetEventsAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/leaders/{district}/{leaderId}/events")] HttpRequest request,
        string district,
        string leaderId,
        CancellationToken cancellationToken)
    {
        var (code, problem) = Validate(district, leaderId);
        if (problem is not null)
        {
            return problem;
        }

        if (await queries.GetAsync(code, leaderId, cancellationToken).ConfigureAwait(false) is null)
        {
            return LeaderNotFound(code, leaderId);
        }

        return TypedResults.Ok(await queries.GetEventsAsync(code, leaderId, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>POST /api/staff/leaders/{district}/{leaderId}/decisions</c> with <see cref="DecisionRequest"/>: Joined or Declined, and why.</summary>
    [Function("RecordLeaderDecision")]
    [StaffAuthorize]
    public async Task<IResult> RecordDecisionAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/leaders/{district}/{leaderId}/decisions")] HttpRequest request,
        string district,
        string leaderId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (code, problem) = Validate(district, leaderId);
        if (problem is not null)
        {
            return problem;
        }

        var (decision, bodyProblem) = await JsonBody.ReadAsync(request, LeaderJsonContext.Default.DecisionRequest, cancellationToken).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        if (decision!.Decision is not (LeaderState.Joined or LeaderState.Declined))
        {
            return Problems.Field("decision", "Unsupported decision", "Staff can record Joined or Declined.");
        }

        if (string.IsNullOrWhiteSpace(decision.Reason))
        {
            return Problems.Field("reason", "A reason is required", "Say why, so that the history explains the decision.");
        }

        var staffDecision = new StaffDecision(code, leaderId, decision.Decision.Value, StaffActor.Of(request), decision.Reason.Trim());
        LeaderView? leader;
        try
        {
            leader = await membership.RecordDecisionAsync(staffDecision, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidFieldException exception)
        {
            // A reason longer than the history keeps: Core refuses it before reading the leader.
            return Problems.InvalidField(exception);
        }

        return leader is null ? LeaderNotFound(code, leaderId) : TypedResults.Ok(leader);
    }

    /// <summary><c>GET /api/staff/funnel?district=&amp;municipality=&amp;from=yyyy-MM&amp;to=yyyy-MM</c>: discovered → welcomed → followed up → joined, and the other ends.</summary>
    [Function("GetFunnel")]
    [StaffAuthorize]
    public async Task<IResult> GetFunnelAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/funnel")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (district, problem) = RequestValues.District(RequestValues.Query(request, "district"), districts);
        var (from, fromProblem) = RequestValues.OptionalMonth(RequestValues.Query(request, "from"), "from");
        var (to, toProblem) = RequestValues.OptionalMonth(RequestValues.Query(request, "to"), "to");
        var municipality = RequestValues.Query(request, "municipality");
        if ((problem ?? fromProblem ?? toProblem ?? RequestValues.Municipality(municipality)) is { } refusal)
        {
            return refusal;
        }

        if (from > to)
        {
            return Problems.Field("to", "An empty range of months", "to is the same month as from or later.");
        }

        var query = new FunnelQuery { District = district!, Municipality = municipality, FromMonth = from, ToMonth = to };
        return TypedResults.Ok(await queries.GetFunnelAsync(query, cancellationToken).ConfigureAwait(false));
    }

    // The canonical district code, or a problem naming the district or the leader id.
    private (string Code, ProblemHttpResult? Problem) Validate(string district, string leaderId)
    {
        var (code, problem) = RequestValues.District(district, districts);
        return (code ?? "", problem ?? RequestValues.LeaderId(leaderId));
    }

    private static ProblemHttpResult LeaderNotFound(string district, string leaderId) =>
        Problems.Status(StatusCodes.Status404NotFound, "No such leader", $"District '{district}' has no leader '{leaderId}'.");
}
