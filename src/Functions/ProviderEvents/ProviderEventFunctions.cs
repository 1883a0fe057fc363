using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Outreach.Core.ProviderEvents;
using Outreach.Functions.Http;

namespace Outreach.Functions.ProviderEvents;

/// <summary>
/// SendGrid's Event Webhook, <c>POST /api/public/sendgrid/events</c>: anonymous, but only a body signed with SendGrid's
/// key (<c>Outreach:SendGrid:WebhookPublicKey</c>) within the last minutes changes anything. A verified batch answers 200
/// even when it holds unknown events, since any other answer makes SendGrid retry for a day; a storage failure answers
/// 500 (by <see cref="UnexpectedErrorMiddleware"/>) so that it does retry, and the dedupe applies the retry once.
/// </summary>
public sealed class ProviderEventFunctions(ProviderEventService events)
{
    /// <summary><c>POST /api/public/sendgrid/events</c>.</summary>
    [Function("ReceiveSendGridEvents")]
    [PublicRateLimited]
    public async Task<IResult> ReceiveAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "public/sendgrid/events")] HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await RequestBodies.ReadAsync(request, ProviderEventOptions.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return TooLarge();
        }

        var receipt = await events.ReceiveAsync(
            request.Headers[WebhookSignatureVerifier.SignatureHeader].ToString(),
            request.Headers[WebhookSignatureVerifier.TimestampHeader].ToString(),
            body,
            cancellationToken).ConfigureAwait(false);
        return receipt.Status switch
        {
            WebhookStatus.Applied => (IResult)TypedResults.Ok(),
            WebhookStatus.TooLarge => TooLarge(),
            WebhookStatus.Malformed => Problems.Field("body", "Malformed events", "The body is not a JSON array of event objects."),
            _ => Problems.Status(StatusCodes.Status401Unauthorized, "Not signed by SendGrid", receipt.Signature switch
            {
                SignatureCheck.Stale => "The signed timestamp is missing, stale or in the future.",
                SignatureCheck.Missing => $"The {WebhookSignatureVerifier.SignatureHeader} and {WebhookSignatureVerifier.TimestampHeader} headers are required.",
                _ => "The signature does not match the body and timestamp.",
            }),
        };
    }

    private static ProblemHttpResult TooLarge() => RequestBodies.TooLarge(ProviderEventOptions.MaxBodyBytes);
}
