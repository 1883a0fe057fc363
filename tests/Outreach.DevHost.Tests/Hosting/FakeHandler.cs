using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Outreach.DevHost.Tests.Hosting;

/// <summary>One invocation the fake handler received.</summary>
internal sealed record ReceivedInvocation(string FunctionName, JsonObject Body)
{
    /// <summary>The queue message text: Data.{binding} is the JSON text of the message inside a JSON string.</summary>
    public string MessageText(string binding) => JsonNode.Parse(Body["Data"]![binding]!.GetValue<string>())!.GetValue<string>();

    public string DequeueCount => Body["Metadata"]![nameof(DequeueCount)]!.GetValue<string>();
}

/// <summary>
/// A custom handler on 127.0.0.1 that answers the readiness probe and payload invocations by a rule per call, records what it
/// received and how many invocations ran at once. DevHost attaches to it with --handler-url.
/// </summary>
internal sealed class FakeHandler : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedInvocation> received = new();
    private int running;
    private int maxRunning;

    private FakeHandler(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedInvocation> Received => [.. received];

    public int MaxConcurrentInvocations => Volatile.Read(ref maxRunning);

    /// <summary>Starts the handler; <paramref name="answer"/> gives the status and the Outputs object for each invocation.</summary>
    public static async Task<FakeHandler> StartAsync(Func<ReceivedInvocation, Task<(HttpStatusCode Status, JsonObject? Outputs)>> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var handler = new FakeHandler(app);
        app.MapGet("/", () => Results.Ok());
        app.MapPost("/{functionName}", async (string functionName, HttpContext context) =>
        {
            var now = Interlocked.Increment(ref handler.running);
            InterlockedMax(ref handler.maxRunning, now);
            try
            {
                var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
                var invocation = new ReceivedInvocation(functionName, body);
                handler.received.Enqueue(invocation);
                var (status, outputs) = await answer(invocation);
                var response = new JsonObject { ["Outputs"] = outputs ?? new JsonObject(), ["Logs"] = new JsonArray("fake handler ran " + functionName), ["ReturnValue"] = null };
                return Results.Text(response.ToJsonString(), "application/json", statusCode: (int)status);
            }
            finally
            {
                Interlocked.Decrement(ref handler.running);
            }
        });

        // Forwarded HTTP functions: echo what arrived, answer 201 with a header of our own, or a redirect that must reach the caller as is.
        app.Map("/api/{**path}", async (HttpContext context) =>
        {
            if (context.Request.Path.Value!.EndsWith("/redirect", StringComparison.Ordinal))
            {
                return Results.Redirect("/api/public/elsewhere");
            }

            using var reader = new StreamReader(context.Request.Body);
            var echo = new JsonObject
            {
                ["method"] = context.Request.Method,
                ["path"] = context.Request.Path.Value,
                ["query"] = context.Request.QueryString.Value,
                ["apiKey"] = context.Request.Headers["X-Api-Key"].ToString(),
                ["invocationId"] = context.Request.Headers["X-Azure-Functions-InvocationId"].ToString(),
                ["body"] = await reader.ReadToEndAsync(),
            };
            context.Response.Headers["X-Handler"] = "fake";
            return Results.Text(echo.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
        });

        await app.StartAsync();
        handler.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return handler;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
