using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Invocations;
using Outreach.DevHost.Processes;
using Outreach.DevHost.Worker;

namespace Outreach.DevHost.Http;

/// <summary>
/// The host's HTTP front end for HTTP functions with ASP.NET Core integration: listens on <c>localhost:{port}</c>, matches
/// <c>/{routePrefix}/{route}</c> and the methods of each HTTP trigger (404 otherwise), sends the worker an
/// <c>InvocationRequest</c> with the route values, and proxies the request as it is (method, path, query, headers, body) to the
/// worker's <c>HttpUri</c> with header <c>x-ms-invocation-id</c>; the caller gets the worker's response as it is. Like
/// <c>func start</c>, it does not check function keys.
/// </summary>
public sealed partial class HttpForwarder : IAsyncDisposable
{
    /// <summary>The header that ties a proxied request to its invocation.</summary>
    public const string InvocationIdHeader = "x-ms-invocation-id";

    // Connection-level headers belong to one hop, not to the forwarded request or response.
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Proxy-Authenticate", "Proxy-Authorization",
    };

    private const int ConnectAttempts = 10;
    private static readonly TimeSpan WorkerWait = TimeSpan.FromSeconds(60);
    private readonly WebApplication app;
    private readonly HttpClient client;
    private readonly FunctionInvoker invoker;
    private readonly TimeProvider time;
    private readonly ILogger logger;

    private HttpForwarder(WebApplication app, HttpClient client, FunctionInvoker invoker, TimeProvider time, ILogger logger)
    {
        this.app = app;
        this.client = client;
        this.invoker = invoker;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The address DevHost answers on, e.g. <c>http://localhost:7071/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost:7071/");

    /// <summary>
    /// Starts listening on <paramref name="port"/> (0 picks a free one) for <paramref name="functions"/>; a port in use ends in
    /// <see cref="InvalidOperationException"/> saying so.
    /// </summary>
    public static async Task<HttpForwarder> StartAsync(
        int port,
        HostSettings host,
        IEnumerable<FunctionDefinition> functions,
        FunctionInvoker invoker,
        TimeProvider time,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // The Functions front end's limit.
        });

        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = false })
        {
            Timeout = host.FunctionTimeout is { } timeout ? timeout + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan,
        };
        var forwarder = new HttpForwarder(app, client, invoker, time, loggerFactory.CreateLogger("Host.Http"));
        foreach (var function in functions)
        {
            var pattern = "/" + (host.RoutePrefix.Length > 0 ? host.RoutePrefix + "/" : "") + function.HttpRoute;
            var endpoint = app.Map(pattern, (HttpContext context) => forwarder.ForwardAsync(context, function, pattern));
            if (function.HttpMethods.Count > 0)
            {
                endpoint.WithMetadata(new HttpMethodMetadata(function.HttpMethods));
            }
        }

        app.MapFallback((HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            client.Dispose();
            throw new InvalidOperationException(
                $"Port {port} is in use (another DevHost or func start?): stop what listens there, or start DevHost with --port <another port>.", exception);
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null)
        {
            forwarder.BaseAddress = new Uri($"http://localhost:{new Uri(address).Port}/");
        }

        return forwarder;
    }

    private async Task ForwardAsync(HttpContext context, FunctionDefinition function, string route)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        WorkerChannel channel;
        try
        {
            channel = await invoker.WorkerAsync(context.RequestAborted).WaitAsync(WorkerWait, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or WorkerUnavailableException)
        {
            LogUnreachable(logger, function.Name, request.Method, route, exception.Message);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        if (channel.HttpUri is not { } workerAddress)
        {
            LogUnreachable(logger, function.Name, request.Method, route, "the worker advertised no HttpUri (is ConfigureFunctionsWebApplication called?)");
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        var invocationRequest = TriggerData.NewInvocation(function, time.GetUtcNow());
        TriggerData.AddHttpRequest(
            invocationRequest,
            request.RouteValues.Select(pair => KeyValuePair.Create(pair.Key, Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture))),
            request.Query.Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())),
            request.Headers.Where(pair => !HopByHopHeaders.Contains(pair.Key)).Select(pair => KeyValuePair.Create(pair.Key, pair.Value.ToString())));
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var invocation = invoker.InvokeAsync(channel, function, invocationRequest, $"This function was programmatically called via the host APIs ({request.Method} {route}).", abort.Token);

        // The body is buffered whole before the first try, so that a second try (the worker's listener was not up yet)
        // can send it again, and so that a chunked request's length is known: a seekable body's length is taken as the
        // Content-Length, and a buffer not read yet says 0.
        request.EnableBuffering();
        await request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
        HttpRequestMessage Forwarded() => NewForwardedRequest(request, workerAddress, invocationRequest.InvocationId);

        try
        {
            using var response = await SendAsync(Forwarded, invocation, abort).ConfigureAwait(false);
            if (response is null)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHopHeaders.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogForwarded(logger, function.Name, request.Method, route, (int)response.StatusCode, invocationRequest.InvocationId, elapsed.TotalMilliseconds);
        }
        catch (HttpRequestException exception)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            LogUnreachable(logger, function.Name, request.Method, route, exception.Message);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
        }
        finally
        {
            await ObserveAsync(invocation).ConfigureAwait(false);
        }
    }

    private static HttpRequestMessage NewForwardedRequest(HttpRequest request, Uri workerAddress, string invocationId)
    {
        var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(workerAddress, request.Path.Value + request.QueryString.Value));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            request.Body.Position = 0;
            forwarded.Content = new StreamContent(request.Body);
        }

        foreach (var (name, values) in request.Headers)
        {
            if (HopByHopHeaders.Contains(name))
            {
                continue;
            }

            if (!forwarded.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                forwarded.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        forwarded.Headers.Remove(InvocationIdHeader);
        forwarded.Headers.TryAddWithoutValidation(InvocationIdHeader, invocationId);
        return forwarded;
    }

    // The worker answers the proxied request once the function has run; if the invocation fails first and no answer
    // follows within a few seconds, the request is given up (null: answer 500).
    private async Task<HttpResponseMessage?> SendAsync(Func<HttpRequestMessage> forwarded, Task<InvocationRecord> invocation, CancellationTokenSource abort)
    {
        var send = SendWhenListeningAsync(forwarded, abort.Token);
        var first = await Task.WhenAny(send, invocation).ConfigureAwait(false);
        if (first == invocation && invocation.IsCompletedSuccessfully && !invocation.Result.Succeeded &&
            await Task.WhenAny(send, Task.Delay(TimeSpan.FromSeconds(5), time, abort.Token)).ConfigureAwait(false) != send)
        {
            await abort.CancelAsync().ConfigureAwait(false);
            await ObserveAsync(send).ConfigureAwait(false);
            return null;
        }

        return await send.ConfigureAwait(false);
    }

    // The worker advertises its HttpUri before its own Kestrel listens, so the first request after a (re)start can find
    // the port closed. As the Functions host's proxy does, a refused connection (nothing was sent, so nothing ran twice)
    // is tried again a few times with a short, growing delay.
    private async Task<HttpResponseMessage> SendWhenListeningAsync(Func<HttpRequestMessage> forwarded, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            // Not disposed: disposing would close the buffered body the next attempt or the worker still reads.
            var message = forwarded();
            try
            {
                return await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException exception) when (exception.HttpRequestError == HttpRequestError.ConnectionError && attempt < ConnectAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 * attempt, 250)), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task ObserveAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or HttpRequestException)
        {
            // Cancelled with the request; the invoker logged the outcome.
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }

    // The route template, not the path: paths and query strings can carry addresses and tokens (e.g. unsubscribe links).
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "{Method} {Route} -> {StatusCode} ('Functions.{FunctionName}', Id={InvocationId}, Duration={DurationMilliseconds:0}ms)")]
    private static partial void LogForwarded(ILogger logger, string functionName, string method, string route, int statusCode, string invocationId, double durationMilliseconds);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "{Method} {Route} could not reach 'Functions.{FunctionName}': {Reason}")]
    private static partial void LogUnreachable(ILogger logger, string functionName, string method, string route, string reason);
}
