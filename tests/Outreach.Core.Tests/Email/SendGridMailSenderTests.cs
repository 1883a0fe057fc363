using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Email;
using Outreach.DevHost.Handler;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>The SendGrid sender against the fake SendGrid on loopback: what is sent, and how each answer is reported.</summary>
public sealed class SendGridMailSenderTests : IAsyncLifetime
{
    // Unlike every wait the tests script, so the timeout timers can be told from the retry waits.
    private const int AttemptTimeoutSeconds = 45;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 6, 15, 0, TimeSpan.Zero));
    private FakeSendGridServer server = null!;

    public async Task InitializeAsync() => server = await FakeSendGridServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task SendAsync_Accepted_ReturnsTheXMessageId()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);

        var result = await host.Sender.SendAsync(MailSamples.MemberWelcome());

        var request = Assert.Single(server.Requests);
        Assert.Equal(202, request.Status);
        Assert.NotNull(request.MessageId);
        Assert.Equal(request.MessageId, result.ProviderMessageId);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer " + FakeSendGridServer.DefaultApiKey, request.Authorization);
        Assert.Equal("application/json", request.ContentType);
    }

    [Fact]
    public async Task SendAsync_Letter_PostsSendGridsBodyShape()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var mail = MailSamples.MemberWelcome();

        await host.Sender.SendAsync(mail);

        var body = Assert.Single(server.Requests).Json;
        var personalization = Assert.Single(body["personalizations"]!.AsArray())!;
        var to = Assert.Single(personalization["to"]!.AsArray())!;
        Assert.Equal("soeren.aeroe@example.dk", (string?)to["email"]);
        Assert.Equal("Søren Ærø Åberg", (string?)to["name"]);
        Assert.Equal(mail.DeliveryKey, (string?)personalization["custom_args"]!["delivery_key"]);
        Assert.Equal("leder@storkobenhavn.example.dk", (string?)body["from"]!["email"]);
        Assert.Equal("Socialpædagogerne Storkøbenhavn", (string?)body["from"]!["name"]);
        Assert.Equal("ledersekretariatet@storkobenhavn.example.dk", (string?)body["reply_to"]!["email"]);
        Assert.Equal(mail.Subject, (string?)body["subject"]);
        var content = body["content"]!.AsArray();
        Assert.Equal(2, content.Count);
        Assert.Equal("text/plain", (string?)content[0]!["type"]);
        Assert.Equal(mail.TextBody, (string?)content[0]!["value"]);
        Assert.Equal("text/html", (string?)content[1]!["type"]);
        Assert.Equal(mail.HtmlBody, (string?)content[1]!["value"]);
        Assert.Equal(["outreach", "welcome", "storkobenhavn"], body["categories"]!.AsArray().Select(category => (string?)category));
        Assert.Equal("<" + mail.UnsubscribeUrl!.AbsoluteUri + ">", (string?)body["headers"]!["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", (string?)body["headers"]!["List-Unsubscribe-Post"]);

        // Custom args only per personalization (see the OpenAPI note), and no sandbox unless configured.
        Assert.Null(body["custom_args"]);
        Assert.Null(body["mail_settings"]);
    }

    [Fact]
    public async Task SendAsync_NameWithCommaAndDuplicateCategories_SendsWhatSendGridAccepts()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var mail = MailSamples.MemberWelcome() with
        {
            To = new EmailAddress("jens@example.dk", "Jensen, Jens; leder"),
            Categories = ["outreach", "outreach", "velkomstbrev-æøå", "welcome"],
        };

        await host.Sender.SendAsync(mail);

        var body = Assert.Single(server.Requests).Json;
        Assert.Equal("Jensen Jens leder", (string?)body["personalizations"]![0]!["to"]![0]!["name"]);
        Assert.Equal(["outreach", "welcome"], body["categories"]!.AsArray().Select(category => (string?)category));
    }

    [Fact]
    public async Task SendAsync_SandboxMode_SendsTheSandboxSettingAndAcceptsTheOk()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock, sandbox: true);

        var result = await host.Sender.SendAsync(MailSamples.MemberWelcome());

        var request = Assert.Single(server.Requests);
        Assert.True((bool?)request.Json["mail_settings"]!["sandbox_mode"]!["enable"]);
        Assert.Equal(200, request.Status);
        Assert.Null(result.ProviderMessageId);
    }

    [Fact]
    public async Task SendAsync_BadRequest_ThrowsRejectedWithSendGridsErrors()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.RejectNext(400,
            ("The from address does not match a verified Sender Identity.", "from"),
            ("The content value must be a string at least one character in length.", "content.0.value"));

        var exception = await Assert.ThrowsAsync<MailRejectedException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Equal(400, exception.Status);
        Assert.Equal(
            ["from: The from address does not match a verified Sender Identity.", "content.0.value: The content value must be a string at least one character in length."],
            exception.Errors);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task FakeSendGrid_HtmlBeforePlainText_IsRefusedAsSendGridDocuments()
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUrl + "/v3/mail/send"))
        {
            Content = new StringContent("""
                {"personalizations":[{"to":[{"email":"leder@example.dk"}]}],"from":{"email":"afsender@example.dk"},"subject":"Hej",
                 "content":[{"type":"text/html","value":"<p>Hej</p>"},{"type":"text/plain","value":"Hej"}]}
                """, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FakeSendGridServer.DefaultApiKey);

        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("content", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["field"]);
    }

    [Fact]
    public async Task SendAsync_PayloadTooLarge_ThrowsRejected()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.RejectNext(413, ("content too large", null));

        var exception = await Assert.ThrowsAsync<MailRejectedException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Equal(413, exception.Status);
        Assert.Equal(["content too large"], exception.Errors);
    }

    [Fact]
    public async Task SendAsync_WrongApiKey_ThrowsNotSentSoTheLetterIsRetriedOnceTheKeyIsFixed()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock, apiKey: "SG.revoked");

        var exception = await Assert.ThrowsAsync<MailNotSentException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Contains("401", exception.Message, StringComparison.Ordinal);
        Assert.Contains("authorization grant is invalid", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SG.revoked", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_Redirected_ThrowsNotSentWithoutFollowing()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.RedirectNext();

        var exception = await Assert.ThrowsAsync<MailNotSentException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Contains("307", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(415)]
    public async Task SendAsync_WrongEndpoint_ThrowsNotSentNamingTheBaseUrl(int status)
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.RejectNext(status, ("not here", null));

        var exception = await Assert.ThrowsAsync<MailNotSentException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Contains("BaseUrl", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_RateLimitedWithReset_WaitsUntilTheResetThenIsAccepted()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, time, timeoutSeconds: AttemptTimeoutSeconds);
        server.ThrottleNext(1, clock.GetUtcNow().AddSeconds(5));

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome());
        await time.WaitForTimersAsync(1, IsRetryWait);
        Assert.Equal(TimeSpan.FromSeconds(5), Assert.Single(time.DueTimesWhere(IsRetryWait)));
        Assert.Single(server.Requests);
        clock.Advance(TimeSpan.FromSeconds(5));
        var result = await sending.WaitAsync(Patience);

        Assert.Equal([429, 202], server.Requests.Select(request => request.Status));
        Assert.Equal(server.Requests[1].MessageId, result.ProviderMessageId);
    }

    [Fact]
    public async Task SendAsync_RateLimitedWithoutReset_BacksOffThenIsAccepted()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, time, timeoutSeconds: AttemptTimeoutSeconds);
        server.ThrottleNext(2, resetAt: null);

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome());
        for (var wait = 1; wait <= 2; wait++)
        {
            await time.WaitForTimersAsync(wait, IsRetryWait);
            Assert.Equal(wait, server.Requests.Count);
            clock.Advance(time.DueTimesWhere(IsRetryWait)[^1]);
        }

        var result = await sending.WaitAsync(Patience);
        Assert.Equal([429, 429, 202], server.Requests.Select(request => request.Status));
        Assert.Equal(server.Requests[2].MessageId, result.ProviderMessageId);
        Assert.All(time.DueTimesWhere(IsRetryWait), due => Assert.InRange(due, TimeSpan.Zero, TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task SendAsync_RateLimitedOnEveryRetry_ThrowsNotSentWithTheWait()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, time, timeoutSeconds: AttemptTimeoutSeconds, rateLimitRetries: 1);
        server.ThrottleNext(1, clock.GetUtcNow().AddSeconds(3));
        server.ThrottleNext(1, clock.GetUtcNow().AddSeconds(10));

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome());
        await time.WaitForTimersAsync(1, IsRetryWait);
        Assert.Equal(TimeSpan.FromSeconds(3), Assert.Single(time.DueTimesWhere(IsRetryWait)));
        clock.Advance(TimeSpan.FromSeconds(3));

        var exception = await Assert.ThrowsAsync<MailNotSentException>(() => sending.WaitAsync(Patience));
        Assert.Equal([429, 429], server.Requests.Select(request => request.Status));
        Assert.Equal(TimeSpan.FromSeconds(7), exception.RetryAfter);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileWaitingOutTheRateLimit_ThrowsNotSent()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, time, timeoutSeconds: AttemptTimeoutSeconds);
        server.ThrottleNext(1, clock.GetUtcNow().AddSeconds(30));
        using var cancellation = new CancellationTokenSource();

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome(), cancellation.Token);
        await time.WaitForTimersAsync(1, IsRetryWait);
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<MailNotSentException>(() => sending.WaitAsync(Patience));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_CancelledWhileTheRequestIsUnderWay_DoesNotClaimNotSent()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.HangNext();
        using var cancellation = new CancellationTokenSource();

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome(), cancellation.Token);
        await server.WaitForRequestsAsync(1, Patience);
        await cancellation.CancelAsync();

        var exception = await Record.ExceptionAsync(() => sending.WaitAsync(Patience));
        Assert.IsAssignableFrom<OperationCanceledException>(exception);
    }

    [Fact]
    public async Task SendAsync_RateLimitResetTooFarAhead_GivesUpAtOnceWithTheWait()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.ThrottleNext(1, clock.GetUtcNow().AddMinutes(10));

        var exception = await Assert.ThrowsAsync<MailNotSentException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Equal(TimeSpan.FromMinutes(10), exception.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task SendAsync_ServerError_ThrowsOutcomeUnknownAndDoesNotResend(int status)
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.FailNext(1, status);

        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_NoAnswerWithinTheTimeout_ThrowsOutcomeUnknownAndDoesNotResend()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock, timeoutSeconds: AttemptTimeoutSeconds);
        server.HangNext();

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome());
        await server.WaitForRequestsAsync(1, Patience);
        clock.Advance(TimeSpan.FromSeconds(AttemptTimeoutSeconds));

        var exception = await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => sending.WaitAsync(Patience));
        Assert.Contains($"{AttemptTimeoutSeconds} s", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedAfterTheRequest_ThrowsOutcomeUnknown()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.DropNext();

        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => host.Sender.SendAsync(MailSamples.MemberWelcome()));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendAsync_ConnectionRefused_RetriesThenThrowsNotSent()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid("http://127.0.0.1:" + HandlerProcess.FreeTcpPort(), time, timeoutSeconds: AttemptTimeoutSeconds, rateLimitRetries: 2);

        var sending = host.Sender.SendAsync(MailSamples.MemberWelcome());
        for (var wait = 1; wait <= 2; wait++)
        {
            await time.WaitForTimersAsync(wait, IsRetryWait);
            clock.Advance(time.DueTimesWhere(IsRetryWait)[^1]);
        }

        var exception = await Assert.ThrowsAsync<MailNotSentException>(() => sending.WaitAsync(Patience));
        Assert.Contains("3 attempts", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, time.DueTimesWhere(IsRetryWait).Count);
    }

    // The timers the resilience pipeline creates are the per-attempt timeouts and the waits between retries.
    private static bool IsRetryWait(TimeSpan due) => due != TimeSpan.FromSeconds(AttemptTimeoutSeconds) && due != Timeout.InfiniteTimeSpan;
}
