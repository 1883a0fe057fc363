using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Outreach.Bench.FakeSendGrid;

/// <summary>
/// SendGrid's Mail Send on 127.0.0.1, run as a child process (<c>fake-sendgrid</c> mode) so that its memory and CPU for
/// parsing are not in the harness's working set: <c>POST /v3/mail/send</c> → 202 with <c>X-Message-Id</c> after an
/// optional latency; it counts requests and personalizations and keeps no bodies. In fault mode it answers the chosen
/// fault to the first K (or a fraction of the) requests and records every delivery key it took, to find duplicates.
/// <c>GET /counts</c> answers <see cref="FakeSendGridCounts"/>; <c>GET /keys</c> the accepted delivery keys, one a line.
/// It stops when its standard input closes (the harness ended).
/// </summary>
internal sealed class FakeSendGridServer
{
    private readonly Lock gate = new();
    private readonly Random random = new(42);
    private readonly ConcurrentDictionary<string, long> batchVariants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> batchRequestsByVariant = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> statuses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int>? acceptedKeys;
    private readonly FaultScenario fault;
    private readonly int faultFirst;
    private readonly double faultRate;
    private readonly TimeSpan latency;
    private readonly TimeSpan slow;
    private long requests;
    private long acceptedRequests;
    private long faultedRequests;
    private long personalizationsReceived;
    private long personalizationsAccepted;
    private long messageCounter;
    private long bodyBytes;
    private long largestBody;

    private FakeSendGridServer(FaultScenario fault, int faultFirst, double faultRate, TimeSpan latency, TimeSpan slow, bool recordKeys)
    {
        this.fault = fault;
        this.faultFirst = faultFirst;
        this.faultRate = faultRate;
        this.latency = latency;
        this.slow = slow;
        acceptedKeys = recordKeys ? new ConcurrentDictionary<string, int>(StringComparer.Ordinal) : null;
    }

    /// <summary>The child mode's entry point: prints <c>listening {url}</c> on standard output once it listens.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var fault = FaultScenarios.Parse(arguments.Text("fault") ?? "none");
        fault = fault == FaultScenario.RedeliverRateLimited ? FaultScenario.RateLimited : fault;
        var server = new FakeSendGridServer(
            fault,
            arguments.Int("fault-first", 0),
            arguments.OptionalDouble("fault-rate") ?? 0,
            TimeSpan.FromMilliseconds(arguments.Int("latency-ms", 0)),
            TimeSpan.FromMilliseconds(arguments.Int("slow-ms", 5000)),
            arguments.Has("record-keys"));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
        });
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapPost("/v3/mail/send", server.SendAsync);
        app.MapGet("/counts", server.Counts);
        app.MapGet("/keys", server.Keys);
        await app.StartAsync();
        Console.Out.WriteLine("listening " + app.Urls.First().TrimEnd('/'));
        Console.Out.Flush();

        // The harness closes our standard input when it ends (or dies): then we stop.
        await Task.Run(() =>
        {
            while (Console.In.ReadLine() is not null)
            {
            }
        });
        await app.StopAsync();
        return 0;
    }

    private IResult Counts() => Results.Json(Snapshot());

    private IResult Keys() => acceptedKeys is null
        ? Results.NotFound()
        : Results.Text(string.Join('\n', acceptedKeys.Keys), "text/plain");

    private FakeSendGridCounts Snapshot() => new(
        Interlocked.Read(ref requests),
        Interlocked.Read(ref acceptedRequests),
        Interlocked.Read(ref faultedRequests),
        Interlocked.Read(ref personalizationsReceived),
        Interlocked.Read(ref personalizationsAccepted),
        acceptedKeys?.Count ?? 0,
        acceptedKeys?.Count(pair => pair.Value > 1) ?? 0,
        new Dictionary<string, long>(batchVariants, StringComparer.Ordinal),
        new Dictionary<string, long>(batchRequestsByVariant, StringComparer.Ordinal),
        new Dictionary<string, long>(statuses, StringComparer.Ordinal),
        Interlocked.Read(ref bodyBytes),
        Interlocked.Read(ref largestBody));

    private async Task SendAsync(HttpContext context)
    {
        var number = Interlocked.Increment(ref requests);
        var body = await ReadAsync(context.Request.BodyReader, context.RequestAborted);
        Interlocked.Add(ref bodyBytes, body.Count);
        long largest;
        while (body.Count > (largest = Interlocked.Read(ref largestBody)) && Interlocked.CompareExchange(ref largestBody, body.Count, largest) != largest)
        {
        }
        Parsed parsed;
        try
        {
            parsed = Parse(body.AsSpan(), acceptedKeys is not null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(body.Array!);
        }

        Interlocked.Add(ref personalizationsReceived, parsed.Personalizations);
        var faulted = IsFaulted(number);
        if (faulted)
        {
            Interlocked.Increment(ref faultedRequests);
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, CancellationToken.None);
        }

        var scenario = faulted ? fault : FaultScenario.None;
        switch (scenario)
        {
            case FaultScenario.RateLimitedWithReset:
                Count(429);
                context.Response.StatusCode = 429;
                context.Response.Headers["X-RateLimit-Limit"] = "600";
                context.Response.Headers["X-RateLimit-Remaining"] = "0";
                context.Response.Headers["X-RateLimit-Reset"] = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1).ToString(CultureInfo.InvariantCulture);
                await WriteErrorAsync(context, "too many requests");
                return;

            case FaultScenario.RateLimited:
                Count(429);
                context.Response.StatusCode = 429;
                await WriteErrorAsync(context, "too many requests");
                return;

            case FaultScenario.ServerError or FaultScenario.BadGateway:
                var status = scenario == FaultScenario.ServerError ? 500 : 502;
                Count(status);
                context.Response.StatusCode = status;
                await WriteErrorAsync(context, status == 500 ? "internal server error" : "bad gateway");
                return;

            case FaultScenario.Slow:
                Accept(parsed);
                Count(0);
                try
                {
                    await Task.Delay(slow, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as intended.
                }

                context.Abort();
                return;

            case FaultScenario.Drop:
                Accept(parsed);
                Count(-1);
                context.Abort();
                return;

            default:
                Accept(parsed);
                Count(202);
                context.Response.StatusCode = 202;
                context.Response.Headers["X-Message-Id"] = "bench" + Interlocked.Increment(ref messageCounter).ToString("D8", CultureInfo.InvariantCulture) + "fakeid";
                return;
        }
    }

    private bool IsFaulted(long number)
    {
        if (fault is FaultScenario.None or FaultScenario.Redeliver)
        {
            return false;
        }

        if (faultRate > 0)
        {
            lock (gate)
            {
                return random.NextDouble() < faultRate;
            }
        }

        return number <= faultFirst;
    }

    private void Accept(Parsed parsed)
    {
        Interlocked.Increment(ref acceptedRequests);
        Interlocked.Add(ref personalizationsAccepted, parsed.Personalizations);
        if (parsed.Variant is { } variant)
        {
            batchVariants.AddOrUpdate(variant, parsed.Personalizations, (_, count) => count + parsed.Personalizations);
            batchRequestsByVariant.AddOrUpdate(variant, 1, (_, count) => count + 1);
        }

        if (acceptedKeys is not null)
        {
            foreach (var key in parsed.Keys)
            {
                acceptedKeys.AddOrUpdate(key, 1, (_, count) => count + 1);
            }
        }
    }

    private void Count(int status) =>
        statuses.AddOrUpdate(status.ToString(CultureInfo.InvariantCulture), 1, (_, count) => count + 1);

    private static Task WriteErrorAsync(HttpContext context, string message)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync("{\"errors\":[{\"message\":\"" + message + "\",\"field\":null,\"help\":null}]}");
    }

    private static async Task<ArraySegment<byte>> ReadAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var length = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            foreach (var segment in result.Buffer)
            {
                if (length + segment.Length > buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + segment.Length));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                segment.Span.CopyTo(buffer.AsSpan(length));
                length += segment.Length;
            }

            reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted)
            {
                return new ArraySegment<byte>(buffer, 0, length);
            }
        }
    }

    // Counts the personalizations, takes their custom_args.delivery_key when asked, and names the variant of a batched
    // request (one with substitutions) by a hash of its HTML part; the body itself is not kept.
    private static Parsed Parse(ReadOnlySpan<byte> body, bool keys)
    {
        var reader = new Utf8JsonReader(body);
        var personalizations = 0;
        var hasSubstitutions = false;
        string? htmlHash = null;
        var deliveryKeys = keys ? new List<string>() : null;
        string? contentType = null;
        while (reader.Read())
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                continue;
            }

            if (reader.CurrentDepth == 1 && reader.ValueTextEquals("personalizations"))
            {
                reader.Read();
                var depth = reader.CurrentDepth;
                while (reader.Read() && reader.CurrentDepth > depth)
                {
                    if (reader.TokenType == JsonTokenType.StartObject && reader.CurrentDepth == depth + 1)
                    {
                        personalizations++;
                    }
                    else if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 2 && reader.ValueTextEquals("substitutions"))
                    {
                        hasSubstitutions = true;
                    }
                    else if (deliveryKeys is not null && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 3 && reader.ValueTextEquals("delivery_key"))
                    {
                        reader.Read();
                        deliveryKeys.Add(reader.GetString() ?? "");
                    }
                }
            }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("type"))
            {
                reader.Read();
                contentType = reader.GetString();
            }
            else if (reader.CurrentDepth == 3 && reader.ValueTextEquals("value") && contentType == "text/html")
            {
                reader.Read();
                var html = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                htmlHash = Convert.ToHexStringLower(SHA256.HashData(html))[..12];
            }
        }

        return new Parsed(personalizations, hasSubstitutions ? htmlHash ?? "no-html" : null, deliveryKeys ?? []);
    }

    private sealed record Parsed(int Personalizations, string? Variant, IReadOnlyList<string> Keys);
}
