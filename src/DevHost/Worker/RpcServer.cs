using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.Processes;

namespace Outreach.DevHost.Worker;

/// <summary>
/// DevHost's gRPC endpoint for workers, as the Functions host runs one: HTTP/2 without TLS on a free port of 127.0.0.1,
/// serving <c>FunctionRpc.EventStream</c>. Workers find it through <c>--functions-uri</c>.
/// </summary>
public sealed class RpcServer : IAsyncDisposable
{
    /// <summary>The largest message either side sends (the host's default: effectively unlimited).</summary>
    public const int MaxMessageLength = int.MaxValue;

    private readonly WebApplication app;

    private RpcServer(WebApplication app, Uri address, WorkerConnections connections)
    {
        this.app = app;
        Address = address;
        Connections = connections;
    }

    /// <summary>The address workers connect to, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>The workers this server waits for.</summary>
    public WorkerConnections Connections { get; }

    /// <summary>Starts listening.</summary>
    public static async Task<RpcServer> StartAsync(ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime, OwnedLifetime>();
        var connections = new WorkerConnections(loggerFactory);
        builder.Services.AddSingleton(connections);
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageLength;
            grpc.MaxSendMessageSize = MaxMessageLength;
        });
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        app.MapGrpcService<FunctionRpcService>();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new RpcServer(app, new Uri($"http://127.0.0.1:{port}/"), connections);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await app.StopAsync(timeout.Token).ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
