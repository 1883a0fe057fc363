using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Polly;

namespace Outreach.Core.Discovery.Graph;

/// <summary>
/// The HttpClient of a Graph source, from IHttpClientFactory: Graph's own middleware (redirects, decompression, the
/// <c>$</c> query-name decoding, telemetry headers) without its retry handler, inside one resilience pipeline of
/// Microsoft.Extensions.Http.Resilience: a total timeout, retries, and a timeout per attempt.
/// </summary>
/// <remarks>
/// One retry layer, not two: Graph's RetryHandler and a resilience retry stacked would multiply the attempts (4 × 4 on
/// a long outage) and wait twice. We keep Polly's, because it honours <c>Retry-After</c> on 429 and 503 as Graph's handler
/// does, and also retries what Graph's handler does not (a refused or reset connection, a timed-out attempt), shares
/// its settings and telemetry with every other outbound client of the app, and reads its bound from our options. Every
/// Graph request we make is a GET, so a retry cannot do anything twice.
/// </remarks>
internal static partial class GraphHttpPipeline
{
    /// <summary>Longest wait for one request, retries and their waits included.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait for one attempt (GraphClientFactory's own default).</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(100);

    /// <summary>The first backoff when Graph gives no Retry-After; it doubles per retry, with jitter.</summary>
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(2);

    /// <summary>The IHttpClientFactory name of the client of the source <paramref name="sourceName"/>.</summary>
    public static string HttpClientName(string sourceName) => "Outreach.Graph." + sourceName;

    /// <summary>Registers the named HttpClient of the source <paramref name="sourceName"/>, its retries bounded by <typeparamref name="TOptions"/>.</summary>
    public static IHttpClientBuilder AddGraphHttpClient<TOptions>(this IServiceCollection services, string sourceName)
        where TOptions : GraphConnectionOptions
    {
        var name = HttpClientName(sourceName);
        var builder = services.AddHttpClient(name)

            // The pipeline's total timeout bounds each request; HttpClient's own 100 s would cut retries short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)

            // The source is a singleton that keeps its client, so the factory's handler rotation never reaches it; the
            // socket handler renews its connections itself instead, so DNS changes of Graph's endpoints are seen.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler(name, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
            var logger = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphClients));

            // Retry waits pace a real server, so they run on the system clock even where the app's clock is a test's fake.
            pipeline.TimeProvider = TimeProvider.System;
            pipeline.AddTimeout(TotalTimeout);
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    ShouldRetryAfterHeader = true,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = BaseDelay,
                    OnRetry = retry =>
                    {
                        var outcome = retry.Outcome.Result is { } response
                            ? ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)
                            : retry.Outcome.Exception?.GetType().Name ?? "nothing";
                        LogRetry(logger, sourceName, outcome, retry.AttemptNumber + 1, retry.RetryDelay);
                        return ValueTask.CompletedTask;
                    },
                });
            }

            pipeline.AddTimeout(AttemptTimeout);
        });

        // Graph's default middleware, minus its RetryHandler (see the remarks); new instances for every handler chain.
        builder.ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
        {
            foreach (var handler in GraphClientFactory.CreateDefaultHandlers())
            {
                if (handler is RetryHandler)
                {
                    handler.Dispose();
                    continue;
                }

                handlers.Add(handler);
            }
        });
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph request of source {Source} answered {Outcome}; retry {Attempt} in {Delay}")]
    private static partial void LogRetry(ILogger logger, string source, string outcome, int attempt, TimeSpan delay);
}
