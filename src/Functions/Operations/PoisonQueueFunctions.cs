using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.Operations;
using Outreach.Functions.Http;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Operations;

/// <summary>Admin functions for the letters' poison queues: list, requeue, discard.</summary>
public sealed class PoisonQueueFunctions(PoisonQueueOperations poison)
{
    /// <summary>Longest message id accepted (the service's ids are GUIDs).</summary>
    public const int MaxMessageIdLength = 100;

    /// <summary><c>GET /api/staff/poison</c>: the messages of every poison queue.</summary>
    [Function("ListPoisonMessages")]
    [StaffAuthorize(StaffRoles.Admin)]
    public async Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/poison")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TypedResults.Ok(await poison.ListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary><c>POST /api/staff/poison/{queue}/{messageId}/requeue</c>: back onto its work queue.</summary>
    [Function("RequeuePoisonMessage")]
    [StaffAuthorize(StaffRoles.Admin)]
    public async Task<IResult> RequeueAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/poison/{queue}/{messageId}/requeue")] HttpRequest request,
        string queue,
        string messageId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Refuse(queue, messageId)
            ?? Answer(await poison.RequeueAsync(queue, messageId, cancellationToken).ConfigureAwait(false), queue, messageId);
    }

    /// <summary><c>DELETE /api/staff/poison/{queue}/{messageId}</c>: discards the message.</summary>
    [Function("DiscardPoisonMessage")]
    [StaffAuthorize(StaffRoles.Admin)]
    public async Task<IResult> DiscardAsync(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "staff/poison/{queue}/{messageId}")] HttpRequest request,
        string queue,
        string messageId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Refuse(queue, messageId)
            ?? Answer(await poison.DiscardAsync(queue, messageId, cancellationToken).ConfigureAwait(false), queue, messageId);
    }

    private ProblemHttpResult? Refuse(string queue, string messageId) =>
        !poison.IsKnown(queue) ? Problems.Field("queue", "Unknown poison queue", "queue is one of: " + string.Join(", ", poison.Names) + ".")
        : string.IsNullOrWhiteSpace(messageId) || messageId.Length > MaxMessageIdLength || messageId.Any(c => char.IsControl(c) || c is '/' or '\\' or '?' or '#')
            ? Problems.Field("messageId", "Not a message id", $"messageId has 1 to {MaxMessageIdLength} characters, without control characters or / \\ # ?.")
        : null;

    private static IResult Answer(bool done, string queue, string messageId) =>
        done ? TypedResults.NoContent() : Problems.Status(StatusCodes.Status404NotFound, "No such message", $"{queue} has no message '{messageId}'.");
}
