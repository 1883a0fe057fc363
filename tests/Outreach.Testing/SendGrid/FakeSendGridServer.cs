using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Outreach.Testing.SendGrid;

/// <summary>One request the fake received.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Decoded path, e.g. <c>/v3/mail/send</c>.</param>
/// <param name="Authorization">The Authorization header, or null.</param>
/// <param name="ContentType">The Content-Type header, or null.</param>
/// <param name="Body">The body as received (UTF-8).</param>
/// <param name="Status">Status code answered (0 when the fake hung until the client gave up, -1 when it dropped the connection).</param>
/// <param name="MessageId">The X-Message-Id answered, or null.</param>
public sealed record FakeSendGridRequest(string Method, string Path, string? Authorization, string? ContentType, string Body, int Status, string? MessageId)
{
    /// <summary>The body parsed as JSON.</summary>
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The request had no JSON body.");

    /// <summary>The request's personalizations (one per recipient in a batched send), in order.</summary>
    public IReadOnlyList<JsonNode> Personalizations =>
        Json["personalizations"] is JsonArray personalizations ? [.. personalizations.Select(personalization => personalization!)] : [];

    /// <summary>Each personalization's <c>custom_args.delivery_key</c> (null where it has none), in order.</summary>
    public IReadOnlyList<string?> DeliveryKeys =>
        [.. Personalizations.Select(personalization => (string?)personalization["custom_args"]?["delivery_key"])];
}

/// <summary>
/// SendGrid's v3 Mail Send API on 127.0.0.1 (free port) for tests, answering in SendGrid's documented shapes:
/// <c>POST /v3/mail/send</c> with <c>Authorization: Bearer {ApiKey}</c> gets 202 with an empty body and an
/// <c>X-Message-Id</c> (200 without a message id when <c>mail_settings.sandbox_mode.enable</c> is true); a wrong key
/// gets 401; a body that is not JSON gets 400, and so does one that breaks the documented rules the OpenAPI description
/// cannot express (text/plain before text/html, at most 1000 personalizations and recipients). On demand the next requests get a 400/413 with a
/// <c>{"errors":[{"message","field","help"}]}</c> body, a 307 redirect, a 429 with <c>X-RateLimit-Limit/Remaining/Reset</c>, a 5xx,
/// no answer at all (a hang, for timeouts), or a dropped connection; so can the first request whose body matches a
/// condition (<see cref="AnswerFirstMatching"/>, for concurrent batches). Every request is recorded, with its
/// personalizations and delivery keys at hand.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    /// <summary>The API key the fake accepts unless <see cref="ApiKey"/> is changed.</summary>
    public const string DefaultApiKey = "SG.fake-key-for-tests";

    private static readonly string[] RecipientKinds = ["to", "cc", "bcc"];

    private readonly Lock gate = new();
    private readonly Queue<Answer> scripted = new();
    private readonly List<(Func<JsonNode, bool> Match, Answer Answer)> matching = [];
    private readonly List<FakeSendGridRequest> requests = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly WebApplication app;
    private long messageCounter;

    private FakeSendGridServer(WebApplication app) => this.app = app;

    /// <summary>Base URL of the fake, e.g. <c>http://127.0.0.1:54321</c> (for <c>Outreach:SendGrid:BaseUrl</c>).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The API key the fake accepts.</summary>
    public string ApiKey { get; set; } = DefaultApiKey;

    /// <summary>The requests received so far.</summary>
    public IReadOnlyList<FakeSendGridRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts the fake on a free loopback port.</summary>
    public static async Task<FakeSendGridServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSendGridServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First().TrimEnd('/');
        return server;
    }

    /// <summary>Answers the next request with <paramref name="status"/> (400 or 413) and these errors, as SendGrid does.</summary>
    public void RejectNext(int status, params (string Message, string? Field)[] errors) =>
        Enqueue(new Answer(status, ErrorBody(errors), null));

    /// <summary>
    /// Answers the next <paramref name="times"/> requests with 429 <c>too many requests</c>, with
    /// <c>X-RateLimit-Reset</c> set to <paramref name="resetAt"/> (epoch seconds) or without the rate-limit headers when null.
    /// </summary>
    public void ThrottleNext(int times, DateTimeOffset? resetAt)
    {
        for (var index = 0; index < times; index++)
        {
            Enqueue(new Answer(429, ErrorBody(("too many requests", null)), resetAt));
        }
    }

    /// <summary>Answers the next <paramref name="times"/> requests with a server error (500 by default).</summary>
    public void FailNext(int times = 1, int status = 500)
    {
        for (var index = 0; index < times; index++)
        {
            Enqueue(new Answer(status, ErrorBody(("internal server error", null)), null));
        }
    }

    /// <summary>Reads the next <paramref name="times"/> requests completely and never answers them (until the client gives up).</summary>
    public void HangNext(int times = 1)
    {
        for (var index = 0; index < times; index++)
        {
            Enqueue(new Answer(0, null, null));
        }
    }

    /// <summary>Answers the next request with 307 and a Location back to the fake's own Mail Send (a misrouted base URL).</summary>
    public void RedirectNext() => Enqueue(new Answer(307, null, null));

    /// <summary>Reads the next request completely, then drops the connection without answering (a connection cut after sending).</summary>
    public void DropNext() => Enqueue(new Answer(-1, null, null));

    /// <summary>
    /// Answers the first later request whose JSON body <paramref name="match"/> accepts (e.g. the batch with a given
    /// delivery key) with <paramref name="status"/>, once: 400/413 (an error body), 429 (with <c>X-RateLimit-Reset</c>
    /// = <paramref name="resetAt"/> when given), a 5xx, 0 (no answer) or -1 (a dropped connection). Meant for concurrent
    /// sends, where which request comes next is not known. Checked before the answers scripted for the next requests;
    /// other requests are answered as before.
    /// </summary>
    public void AnswerFirstMatching(Func<JsonNode, bool> match, int status, DateTimeOffset? resetAt = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var body = status switch
        {
            0 or -1 or 307 => null,
            429 => ErrorBody(("too many requests", null)),
            >= 500 => ErrorBody(("internal server error", null)),
            _ => ErrorBody(("Bad Request", null)),
        };
        lock (gate)
        {
            matching.Add((match, new Answer(status, body, resetAt)));
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> requests have been received, or fails after <paramref name="timeout"/>.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The fake SendGrid received {Requests.Count} requests, expected {count}.");
            }

            await Task.Delay(10);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await app.StopAsync();
        await app.DisposeAsync();
        stopping.Dispose();
    }

    private void Enqueue(Answer answer)
    {
        lock (gate)
        {
            scripted.Enqueue(answer);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var authorization = context.Request.Headers.Authorization.FirstOrDefault();
        Answer answer;
        lock (gate)
        {
            answer = Route(context.Request, authorization, body);
        }

        var messageId = answer.Status == 202 ? NewMessageId() : null;
        lock (gate)
        {
            requests.Add(new FakeSendGridRequest(context.Request.Method, context.Request.Path.Value ?? "", authorization, context.Request.ContentType, body, answer.Status, messageId));
        }

        if (answer.Status == -1)
        {
            context.Abort();
            return;
        }

        if (answer.Status == 0)
        {
            using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping.Token);
            try
            {
                await Task.Delay(Timeout.Infinite, both.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the fake stops.
            }

            context.Abort();
            return;
        }

        context.Response.StatusCode = answer.Status;
        if (messageId is not null)
        {
            context.Response.Headers["X-Message-Id"] = messageId;
        }

        if (answer.Status == 307)
        {
            context.Response.Headers.Location = BaseUrl + "/v3/mail/send";
        }

        if (answer.Status == 429 && answer.ResetAt is { } reset)
        {
            context.Response.Headers["X-RateLimit-Limit"] = "600";
            context.Response.Headers["X-RateLimit-Remaining"] = "0";
            context.Response.Headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
        }
    }

    private Answer Route(HttpRequest request, string? authorization, string body)
    {
        if (!HttpMethods.IsPost(request.Method) || request.Path.Value != "/v3/mail/send")
        {
            return new Answer(404, ErrorBody(("not found", null)), null);
        }

        if (authorization != "Bearer " + ApiKey)
        {
            return new Answer(401, ErrorBody(("The provided authorization grant is invalid, expired, or revoked", null)), null);
        }

        if (matching.Count > 0 && Matching(body) is { } matched)
        {
            return matched;
        }

        if (scripted.TryDequeue(out var next))
        {
            return next;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            json = null;
        }

        if (json is not JsonObject mail)
        {
            return new Answer(400, ErrorBody(("Bad Request", null)), null);
        }

        // The documented rules that SendGrid's OpenAPI description (and so the Prism mock) cannot express.
        if (Violation(mail) is { } violation)
        {
            return new Answer(400, ErrorBody(violation), null);
        }

        // Sandbox mode: validated, nothing delivered, 200 instead of 202.
        return json["mail_settings"]?["sandbox_mode"]?["enable"]?.GetValue<bool>() == true
            ? new Answer(200, null, null)
            : new Answer(202, null, null);
    }

    // Called under the lock; a rule answers once.
    private Answer? Matching(string body)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        var index = json is null ? -1 : matching.FindIndex(rule => rule.Match(json));
        if (index < 0)
        {
            return null;
        }

        var answer = matching[index].Answer;
        matching.RemoveAt(index);
        return answer;
    }

    private static (string Message, string? Field)? Violation(JsonObject mail)
    {
        var types = mail["content"] is JsonArray content ? content.Select(part => (string?)part?["type"]).ToList() : [];
        var plain = types.IndexOf("text/plain");
        var html = types.IndexOf("text/html");
        if ((plain >= 0 && plain != 0) || (html >= 0 && html != (plain >= 0 ? 1 : 0)))
        {
            return ("If present, text/plain must be first, followed by text/html, followed by any other content.", "content");
        }

        var personalizations = mail["personalizations"] as JsonArray ?? [];
        if (personalizations.Count > 1000)
        {
            return ("The personalization block is limited to 1000 personalizations per API request.", "personalizations");
        }

        var recipients = personalizations.Sum(personalization =>
            RecipientKinds.Sum(kind => (personalization?[kind] as JsonArray)?.Count ?? 0));
        return recipients > 1000
            ? ("The total number of recipients must be no more than 1000 per request.", "personalizations")
            : null;
    }

    // SendGrid's message ids are 22 URL-safe characters.
    private string NewMessageId() =>
        "fake" + Interlocked.Increment(ref messageCounter).ToString("D6", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..12];

    private static JsonObject ErrorBody(params (string Message, string? Field)[] errors) => new()
    {
        ["errors"] = new JsonArray([.. errors.Select(error => (JsonNode)new JsonObject
        {
            ["message"] = error.Message,
            ["field"] = error.Field,
            ["help"] = error.Field is null ? null : "http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message." + error.Field,
        })]),
    };

    private sealed record Answer(int Status, JsonObject? Body, DateTimeOffset? ResetAt);
}
