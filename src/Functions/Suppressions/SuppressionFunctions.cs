using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Suppressions;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Suppressions;

/// <summary>
/// Staff functions for the suppression list under <c>/api/staff/suppressions</c>: list it, suppress an address, and
/// (admin only) lift a suppression. Addresses appear in answers to staff, never in logs.
/// </summary>
public sealed class SuppressionFunctions(SuppressionService suppressions)
{
    /// <summary>Entries listed when the request names no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The longest continuation accepted (the ones we hand out are far shorter).</summary>
    public const int MaxContinuationLength = 2048;

    /// <summary><c>GET /api/staff/suppressions?limit=&amp;continuation=</c>: one page; the answer's <c>continuation</c> asks for the next.</summary>
    [Function("ListSuppressions")]
    [StaffAuthorize]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/suppressions")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (limit, limitProblem) = RequestValues.OptionalInt(RequestValues.Query(request, "limit"), "limit", DefaultLimit, 1, SuppressionService.MaxPageSize);
        if (limitProblem is not null)
        {
            return limitProblem;
        }

        var continuation = RequestValues.Query(request, "continuation");
        if (continuation is not null && (continuation.Length is 0 or > MaxContinuationLength || continuation.Any(char.IsControl)))
        {
            return Problems.Field("continuation", "Not a continuation", "Pass back the continuation of the previous page unchanged.");
        }

        return TypedResults.Ok(await suppressions.ListAsync(limit, continuation, cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>POST /api/staff/suppressions</c> with <see cref="AddSuppressionRequest"/>: never mail this address again.</summary>
    [Function("AddSuppression")]
    [StaffAuthorize]
    public async Task<IResult> AddAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/suppressions")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (body, problem) = await JsonBody.ReadAsync(request, SuppressionJsonContext.Default.AddSuppressionRequest, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            await suppressions.SuppressAsync(body!.Email ?? "", body.Reason ?? "", StaffActor.Of(request), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidFieldException exception)
        {
            return Problems.InvalidField(exception);
        }

        return TypedResults.NoContent();
    }

    /// <summary><c>DELETE /api/staff/suppressions/{email}</c> (admin only): the address may be mailed again.</summary>
    [Function("RemoveSuppression")]
    [StaffAuthorize(StaffRoles.Admin)]
    public async Task<IResult> RemoveAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "staff/suppressions/{email}")] HttpRequest request,
        string email,
        CancellationToken cancellationToken)
    {
        if (!EmailAddresses.IsValid(email))
        {
            return Problems.Field("email", "Invalid email", "email is not a plain e-mail address.");
        }

        return await suppressions.RemoveAsync(email, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.Status(StatusCodes.Status404NotFound, "Not suppressed", "The address is not on the suppression list.");
    }
}
