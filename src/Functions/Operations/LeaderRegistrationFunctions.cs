using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Operations;

/// <summary>Leaders registered by hand (a shop steward's tip): stored with source <c>manual</c> and welcomed as discovered ones are.</summary>
public sealed class LeaderRegistrationFunctions(DiscoveryService discovery)
{
    /// <summary><c>POST /api/staff/leaders</c> with <see cref="ManualLeader"/>: 201 with the leader and its Location.</summary>
    [Function("RegisterLeader")]
    [StaffAuthorize]
    public async Task<IResult> RegisterAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/leaders")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (manual, problem) = await JsonBody.ReadAsync(request, OperationsJsonContext.Default.ManualLeader, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var leader = await discovery.RegisterAsync(manual!, StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
            return TypedResults.Created($"/api/staff/leaders/{leader.District}/{leader.LeaderId}", leader);
        }
        catch (InvalidFieldException exception)
        {
            return Problems.InvalidField(exception);
        }
        catch (DuplicateLeaderException)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The leader is registered already",
                detail: "The district has a leader with this e-mail address already.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["email"] = ["The district has a leader with this e-mail address already."] } });
        }
    }
}
