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

namespace Outreach.DevHost.Http;

/// <summary>
/// The host's HTTP front end for forwarded HTTP functions (reference §1.1d): listens on <c>localhost:{port}</c>, matches
/// <c>/{routePrefix}/{route}</c> and the methods of each HTTP trigger, and passes the request as it is (method, path, query,
/// headers, body) to the handler with the host's headers, returning the handler's response as it is (redirects included).
/// Like <c>func start</c>, it does not check function keys; the app's own authentication still applies.
/// </summary>
public sealed partial class HttpForwarder : IAsyncDisposable
{
    // Connection-level headers belong to one hop, not to the forwarded request or response.
    private static readonly HashSet<string> HopByHopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer", "Proxy-Authenticate", "Proxy-Authorization",
    };

    private readonly WebApplication app;
    private readonly HttpClient client;

    private HttpForwarder(WebApplication app, HttpClient client)
    {
        this.app = app;
        this.client = client;
    }

    /// <summary>The address DevHost answers on, e.g. <c>http://localhost:7071/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://localhost:7071/");

    /// <summary>Starts listening on <paramref name="port"/> (0 picks a free one) for <paramref name="functions"/>.</summary>
    public static async Task<HttpForwarder> StartAsync(
        int port,
        HostSettings host,
        IEnumerable<FunctionDefinition> functions,
        Uri handlerAddress,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);

        // DevHost owns Ctrl+C and the console; this front end is stopped by FunctionHost.
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = 100 * 1024 * 1024; // The Functions front end's limit.
        });

        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = false })
        {
            BaseAddress = handlerAddress,
            Timeout = host.FunctionTimeout is { } timeout ? timeout + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan,
        };
        var forwarder = new HttpForwarder(app, client);
        var logger = loggerFactory.CreateLogger("Host.Http");
        foreach (var function in functions)
        {
            var pattern = "/" + (host.RoutePrefix.Length > 0 ? host.RoutePrefix + "/" : "") + function.HttpRoute;
            var methods = function.HttpMethods;
            var endpoint = app.Map(pattern, (HttpContext context) => forwarder.ForwardAsync(context, function.Name, pattern, logger));
            if (methods.Count > 0)
            {
                endpoint.WithMetadata(new HttpMethodMetadata(methods));
            }
        }

        app.MapFallback((HttpContext context) =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        if (address is not null)
        {
            var bound = new Uri(address);
            forwarder.BaseAddress = new Uri($"http://localhost:{bound.Port}/");
        }

        return forwarder;
    }

    private async Task ForwardAsync(HttpContext context, string functionName, string route, ILogger logger)
    {
        var started = Stopwatch.GetTimestamp();
        var invocationId = Guid.NewGuid().ToString("D");
        var request = context.Request;
        using var forwarded = new HttpRequestMessage(new HttpMethod(request.Method), request.Path.Value + request.QueryString.Value);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
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

        forwarded.Headers.Remove("X-Azure-Functions-HostVersion");
        forwarded.Headers.Remove("X-Azure-Functions-InvocationId");
        forwarded.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", HandlerInvoker.HostVersion);
        forwarded.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId);
        forwarded.Headers.UserAgent.TryParseAdd("Azure-Functions-Host/" + HandlerInvoker.HostVersion);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            LogUnreachable(logger, exception, functionName, request.Method, route);
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return;
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHopHeaders.Contains(name))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        LogForwarded(logger, functionName, request.Method, route, (int)response.StatusCode, invocationId, elapsed.TotalMilliseconds);
    }

    private sealed class OwnedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        client.Dispose();
    }

    // The route template, not the path: paths and query strings can carry addresses and tokens (e.g. unsubscribe links).
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' ({Method} {Route} -> {StatusCode}, Id={InvocationId}, Duration={DurationMilliseconds:0}ms)")]
    private static partial void LogForwarded(ILogger logger, string functionName, string method, string route, int statusCode, string invocationId, double durationMilliseconds);

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "Executed 'Functions.{FunctionName}' (Failed: the handler could not be reached for {Method} {Route})")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string functionName, string method, string route);
}
