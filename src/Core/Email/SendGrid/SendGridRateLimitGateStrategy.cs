using System.Net;
using Polly;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// The pipeline step between the retry and the per-attempt timeout: before each attempt it waits at the process's
/// <see cref="SendGridRateLimitGate"/> (so the wait is not counted against the attempt's timeout), and after a 429 it
/// closes the gate for every request until the time SendGrid gave (when it gave one).
/// </summary>
internal sealed class SendGridRateLimitGateStrategy(SendGridRateLimitGate gate, TimeSpan maxWait, TimeProvider time)
    : ResilienceStrategy<HttpResponseMessage>
{
    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback,
        ResilienceContext context,
        TState state)
    {
        try
        {
            await gate.WaitAsync(maxWait, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (Exception exception) when (exception is MailNotSentException or OperationCanceledException)
        {
            // As an outcome, not thrown: Polly's strategies report failures this way; the retry does not handle these.
            return Outcome.FromException<HttpResponseMessage>(exception);
        }

        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            && SendGridResilience.RateLimitDelay(response.Headers, time.GetUtcNow()) is { } wait)
        {
            gate.Close(wait);
        }

        return outcome;
    }
}
