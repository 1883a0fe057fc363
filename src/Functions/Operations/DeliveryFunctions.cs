using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Operations;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Operations;

/// <summary>Staff functions for the letters whose outcome is unknown: list them, and resolve one after checking SendGrid's activity.</summary>
public sealed class DeliveryFunctions(IDistrictCatalog districts, DeliveryOperations operations)
{
    /// <summary>The letter kinds a delivery can have.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["welcome", "followup1", "followup2"];

    /// <summary><c>GET /api/staff/deliveries/unknown?district=</c>: every district's when none is named.</summary>
    [Function("ListUnknownDeliveries")]
    [StaffAuthorize]
    public async Task<IResult> ListUnknownAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/deliveries/unknown")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? district = null;
        if (RequestValues.Query(request, "district") is { } named)
        {
            var (code, problem) = RequestValues.District(named, districts);
            if (problem is not null)
            {
                return problem;
            }

            district = code;
        }

        return TypedResults.Ok(await operations.ListUnknownAsync(district, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>POST /api/staff/deliveries/{leaderId}/{kind}/resolve</c> with <see cref="ResolveDeliveryRequest"/>.</summary>
    [Function("ResolveDelivery")]
    [StaffAuthorize]
    public async Task<IResult> ResolveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/deliveries/{leaderId}/{kind}/resolve")] HttpRequest request,
        string leaderId,
        string kind,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RequestValues.LeaderId(leaderId) is { } leaderProblem)
        {
            return leaderProblem;
        }

        if (!Kinds.Contains(kind, StringComparer.Ordinal))
        {
            return Problems.Field("kind", "Unknown letter kind", "kind is one of: " + string.Join(", ", Kinds) + ".");
        }

        var (body, bodyProblem) = await JsonBody.ReadAsync(request, OperationsJsonContext.Default.ResolveDeliveryRequest, cancellationToken).ConfigureAwait(false);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        DeliveryResolution? resolution = body!.Outcome switch
        {
            "sent" => DeliveryResolution.Sent,
            "not-sent" => DeliveryResolution.NotSent,
            _ => null,
        };
        if (resolution is null)
        {
            return Problems.Field("outcome", "Unknown outcome", "outcome is sent (SendGrid accepted the letter) or not-sent (SendGrid never got it).");
        }

        ResolveOutcome outcome;
        try
        {
            outcome = await operations.ResolveAsync(leaderId, kind, resolution.Value, StaffActor.Of(request), body.Note ?? "", cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidFieldException exception)
        {
            return Problems.InvalidField(exception);
        }

        return outcome switch
        {
            ResolveOutcome.Resolved => TypedResults.NoContent(),
            ResolveOutcome.NotFound => Problems.Status(StatusCodes.Status404NotFound, "No such letter", $"Leader '{leaderId}' has no {kind} letter."),
            _ => Problems.Status(StatusCodes.Status409Conflict, "The outcome is not unknown", $"The {kind} letter to leader '{leaderId}' has a known outcome; only an unknown one can be resolved."),
        };
    }
}
