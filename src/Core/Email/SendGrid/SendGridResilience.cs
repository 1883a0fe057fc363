using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// The resilience pipeline on the SendGrid <see cref="HttpClient"/>. SendGrid has no idempotency key, so a request is
/// repeated only when it provably did not reach SendGrid: no connection could be made (refused, name not resolved) or
/// SendGrid answered 429. A 429 waits until <c>X-RateLimit-Reset</c> (epoch seconds), else <c>Retry-After</c>, else an
/// exponential backoff with jitter; a wait longer than <see cref="SendGridOptions.MaxRetryDelaySeconds"/> is not
/// waited at all, so the send gives up at once and the queue tries again later. Each attempt has its own timeout
/// (<see cref="SendGridOptions.TimeoutSeconds"/>); a timeout, a 5xx or a connection cut is never retried. Between the
/// two, every attempt first waits at the process's <see cref="SendGridRateLimitGate"/>, which any 429 closes until its
/// reset, so that concurrent sends (several batches in flight) hold back together instead of each meeting its own 429.
/// </summary>
public static class SendGridResilience
{
    /// <summary>The shortest wait after a 429: the reset header is in whole seconds.</summary>
    public static readonly TimeSpan MinimumRateLimitDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Adds the retry (outer), the wait at <paramref name="gate"/> and the per-attempt timeout (inner) to
    /// <paramref name="builder"/>.
    /// </summary>
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, SendGridOptions options, TimeProvider time, SendGridRateLimitGate gate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(gate);
        var maxDelay = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        if (options.RateLimitRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.RateLimitRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = MinimumRateLimitDelay,
                MaxDelay = maxDelay,
                ShouldHandle = arguments => ValueTask.FromResult(ShouldRetry(arguments.Outcome, time.GetUtcNow(), maxDelay)),
                DelayGenerator = arguments => ValueTask.FromResult(
                    arguments.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
                        ? RateLimitDelay(response.Headers, time.GetUtcNow())
                        : null),
            });
        }

        // Inside the retry, so every attempt (a retry too) waits when another request met the limit meanwhile; outside
        // the timeout, so waiting is not mistaken for a request that got no answer.
        builder.AddStrategy(_ => new SendGridRateLimitGateStrategy(gate, maxDelay, time));
        builder.AddTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds));
    }

    /// <summary>
    /// True when no connection to SendGrid was made, so no byte of the request reached it (name resolution, connect,
    /// TLS or proxy tunnel failed).
    /// </summary>
    public static bool NeverConnected(Exception? exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
        };

    /// <summary>
    /// The wait SendGrid asked for in a 429's <c>X-RateLimit-Reset</c> (epoch seconds) or <c>Retry-After</c>, at least
    /// <see cref="MinimumRateLimitDelay"/>; null when it asked for none.
    /// </summary>
    public static TimeSpan? RateLimitDelay(HttpResponseHeaders headers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        TimeSpan? delay = null;
        if (headers.TryGetValues("X-RateLimit-Reset", out var resets)
            && long.TryParse(resets.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            delay = DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - now;
        }
        else if (headers.RetryAfter is { } retryAfter)
        {
            delay = retryAfter.Delta ?? (retryAfter.Date - now);
        }

        return delay is null ? null : delay > MinimumRateLimitDelay ? delay : MinimumRateLimitDelay;
    }

    // Connection refused and name resolution may pass; TLS and proxy failures are configuration and would fail again.
    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, DateTimeOffset now, TimeSpan maxDelay) =>
        outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
        || (outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } response
            && (RateLimitDelay(response.Headers, now) ?? TimeSpan.Zero) <= maxDelay);
}
