using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Email;
using Outreach.Core.Email.SendGrid;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>
/// The batched SendGrid send against the fake SendGrid: one request of one personalization per recipient, SendGrid's
/// limits checked before sending, the answers mapped as for single letters, and the process-wide rate-limit gate.
/// </summary>
public sealed class SendGridBatchMailSenderTests : IAsyncLifetime
{
    // Unlike every wait the tests script, so the timeout timers can be told from the rate-limit waits.
    private const int AttemptTimeoutSeconds = 45;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 8, 8, 30, 0, TimeSpan.Zero));
    private FakeSendGridServer server = null!;

    public async Task InitializeAsync() => server = await FakeSendGridServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task SendBatchAsync_2500Recipients_IsRefusedBeforeAnyRequest()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var mail = BatchMailSamples.Invitation(2500);

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Batches(host).SendBatchAsync(mail));

        Assert.Contains("2500 recipients", exception.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_1000Recipients_IsOneRequestWithAPersonalizationEach()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var mail = BatchMailSamples.Invitation(1000);

        var result = await Batches(host).SendBatchAsync(mail);

        var request = Assert.Single(server.Requests);
        Assert.Equal(202, request.Status);
        Assert.Equal(request.MessageId, result.ProviderMessageId);
        Assert.Equal(mail.Recipients.Select(recipient => recipient.DeliveryKey), request.DeliveryKeys);
        var body = request.Json;
        var personalizations = request.Personalizations;
        Assert.Equal(1000, personalizations.Count);
        for (var index = 0; index < mail.Recipients.Count; index++)
        {
            var recipient = mail.Recipients[index];
            var personalization = personalizations[index]!;
            var to = Assert.Single(personalization["to"]!.AsArray())!;
            Assert.Equal(recipient.To.Email, (string?)to["email"]);
            Assert.Equal(recipient.To.Name, (string?)to["name"]);
            Assert.Equal(new Dictionary<string, string>(recipient.Substitutions), Strings(personalization["substitutions"]));
            Assert.Equal(
                new Dictionary<string, string>
                {
                    ["List-Unsubscribe"] = "<" + recipient.UnsubscribeUrl.AbsoluteUri + ">",
                    ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
                },
                Strings(personalization["headers"]));
            Assert.Equal(new Dictionary<string, string> { ["delivery_key"] = recipient.DeliveryKey }, Strings(personalization["custom_args"]));
        }

        // What every recipient shares is sent once, at the top level; the per-recipient parts only per personalization.
        Assert.Equal("leder@storkobenhavn.example.dk", (string?)body["from"]!["email"]);
        Assert.Equal("Socialpædagogerne Storkøbenhavn", (string?)body["from"]!["name"]);
        Assert.Equal("ledersekretariatet@storkobenhavn.example.dk", (string?)body["reply_to"]!["email"]);
        Assert.Equal(mail.Subject, (string?)body["subject"]);
        var content = body["content"]!.AsArray();
        Assert.Equal(["text/plain", "text/html"], content.Select(part => (string?)part!["type"]));
        Assert.Equal(mail.TextBody, (string?)content[0]!["value"]);
        Assert.Equal(mail.HtmlBody, (string?)content[1]!["value"]);
        Assert.Equal(["campaigns", "storkobenhavn"], body["categories"]!.AsArray().Select(category => (string?)category));
        Assert.Null(body["headers"]);
        Assert.Null(body["custom_args"]);
        Assert.Null(body["mail_settings"]);
    }

    [Fact]
    public async Task SendBatchAsync_NameWithHtmlCharacters_ArrivesEscapedForTheHtmlTagAndRawForTheTextTag()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        const string Name = "Bo & Anne <\"Leder\">";
        var mail = BatchMailSamples.Invitation(2);
        mail = mail with { Recipients = [mail.Recipients[0], BatchMailSamples.Recipient("html" + Guid.NewGuid().ToString("N")[..8], 1, Name)] };

        await Batches(host).SendBatchAsync(mail);

        var request = Assert.Single(server.Requests);
        var substitutions = request.Json["personalizations"]![1]!["substitutions"]!;
        Assert.Equal("Bo &amp; Anne &lt;&quot;Leder&quot;&gt;", (string?)substitutions[RecipientTags.NameHtml]);
        Assert.Equal(Name, (string?)substitutions[RecipientTags.NameText]);
        Assert.Equal(Name, (string?)request.Json["personalizations"]![1]!["to"]![0]!["name"]);

        // The package writes JSON with Newtonsoft's EscapeHtml: '<', '>' and '&' travel as \u003c, \u003e and \u0026,
        // which is valid JSON and leaves the values above (what SendGrid reads) unchanged.
        Assert.DoesNotContain('<', request.Body);
        Assert.Contains("\\u0026amp;", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendBatchAsync_SubstitutionsOver10000Bytes_ThrowsNamingTheDeliveryKeyNotTheAddress()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var mail = BatchMailSamples.Invitation(3);
        var tooLong = mail.Recipients[1] with
        {
            Substitutions = new Dictionary<string, string>(mail.Recipients[1].Substitutions) { [RecipientTags.NameHtml] = new string('æ', 5000) },
        };
        mail = mail with { Recipients = [mail.Recipients[0], tooLong, mail.Recipients[2]] };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Batches(host).SendBatchAsync(mail));

        Assert.Contains(tooLong.DeliveryKey, exception.Message, StringComparison.Ordinal);
        Assert.Contains("10000", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(tooLong.To.Email, exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_SameAddressTwice_IsRefusedBeforeAnyRequest()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var mail = BatchMailSamples.Invitation(2);
        var twice = mail.Recipients[1] with { To = mail.Recipients[0].To with { Email = mail.Recipients[0].To.Email.ToUpperInvariant() } };
        mail = mail with { Recipients = [mail.Recipients[0], twice] };

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => Batches(host).SendBatchAsync(mail));

        Assert.Contains(twice.DeliveryKey, exception.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_SandboxMode_SendsTheSandboxSettingAndAcceptsTheOk()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock, sandbox: true);

        var result = await Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3));

        var request = Assert.Single(server.Requests);
        Assert.True((bool?)request.Json["mail_settings"]!["sandbox_mode"]!["enable"]);
        Assert.Equal(200, request.Status);
        Assert.Null(result.ProviderMessageId);
    }

    [Fact]
    public async Task SendBatchAsync_BadRequest_ThrowsRejectedWithSendGridsErrors()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.RejectNext(400, ("The from address does not match a verified Sender Identity.", "from"));

        var exception = await Assert.ThrowsAsync<MailRejectedException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3)));

        Assert.Equal(["from: The from address does not match a verified Sender Identity."], exception.Errors);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_ServerError_ThrowsOutcomeUnknownAndDoesNotResend()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.FailNext(1, 500);

        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(5)));

        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_ConcurrentBatchesOneAnswered500_OnlyThatOneIsOutcomeUnknown()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        var accepted = BatchMailSamples.Invitation(10);
        var unknown = BatchMailSamples.Invitation(10);
        var unknownKey = unknown.Recipients[0].DeliveryKey;
        server.AnswerFirstMatching(body => body.ToJsonString().Contains(unknownKey, StringComparison.Ordinal), 500);

        var sendingAccepted = Batches(host).SendBatchAsync(accepted);
        var sendingUnknown = Batches(host).SendBatchAsync(unknown);

        Assert.NotNull((await sendingAccepted.WaitAsync(Patience)).ProviderMessageId);
        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => sendingUnknown.WaitAsync(Patience));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(500, Assert.Single(server.Requests, request => request.DeliveryKeys.Contains(unknownKey)).Status);
    }

    [Fact]
    public async Task SendBatchAsync_RateLimitedWithReset_HoldsBackASecondConcurrentBatchUntilTheReset()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, time, timeoutSeconds: AttemptTimeoutSeconds);
        server.ThrottleNext(1, clock.GetUtcNow().AddSeconds(5));
        var first = BatchMailSamples.Invitation(3);
        var second = BatchMailSamples.Invitation(4);

        var sendingFirst = Batches(host).SendBatchAsync(first);
        await time.WaitForTimersAsync(1, IsWait);
        var sendingSecond = Batches(host).SendBatchAsync(second);
        await time.WaitForTimersAsync(2, IsWait);

        // Both wait out the reset: the first to retry, the second at the gate, before its first request.
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5)], time.DueTimesWhere(IsWait));
        Assert.Single(server.Requests);
        clock.Advance(TimeSpan.FromSeconds(5));
        var results = await Task.WhenAll(sendingFirst, sendingSecond).WaitAsync(Patience);

        Assert.Equal([429, 202, 202], server.Requests.Select(request => request.Status));
        Assert.Equal(
            [3, 3, 4],
            server.Requests.Select(request => request.Json["personalizations"]!.AsArray().Count).Order());
        Assert.All(results, result => Assert.NotNull(result.ProviderMessageId));
    }

    [Fact]
    public async Task SendBatchAsync_GateClosedLongerThanARequestMayWait_ThrowsNotSentWithoutARequest()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.ThrottleNext(1, clock.GetUtcNow().AddMinutes(2));

        var first = await Assert.ThrowsAsync<MailNotSentException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3)));
        var second = await Assert.ThrowsAsync<MailNotSentException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3)));

        Assert.Equal(TimeSpan.FromMinutes(2), first.RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(2), second.RetryAfter);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SendBatchAsync_ResetFarAhead_HoldsTheGateAtMostItsBound()
    {
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock);
        server.ThrottleNext(1, clock.GetUtcNow().AddHours(3));

        await Assert.ThrowsAsync<MailNotSentException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3)));

        Assert.Equal(clock.GetUtcNow() + SendGridRateLimitGate.MaxHold, host.Services.GetRequiredService<SendGridRateLimitGate>().OpensAt);
        clock.Advance(SendGridRateLimitGate.MaxHold);
        await Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3));
        Assert.Equal([429, 202], server.Requests.Select(request => request.Status));
    }

    [Fact]
    public async Task SendBatchAsync_CancelledWhileWaitingAtTheGate_ThrowsNotSent()
    {
        var time = new TimerWatchingTimeProvider(clock);
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, time, timeoutSeconds: AttemptTimeoutSeconds, rateLimitRetries: 0);
        server.ThrottleNext(1, clock.GetUtcNow().AddSeconds(30));
        await Assert.ThrowsAsync<MailNotSentException>(() => Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3)));
        using var cancellation = new CancellationTokenSource();

        var sending = Batches(host).SendBatchAsync(BatchMailSamples.Invitation(3), cancellation.Token);
        await time.WaitForTimersAsync(1, IsWait);
        await cancellation.CancelAsync();

        await Assert.ThrowsAsync<MailNotSentException>(() => sending.WaitAsync(Patience));
        Assert.Single(server.Requests);
    }

    private static IBatchMailSender Batches(MailTestHost host) => host.Services.GetRequiredService<IBatchMailSender>();

    private static Dictionary<string, string> Strings(JsonNode? node) =>
        node!.AsObject().ToDictionary(property => property.Key, property => (string)property.Value!);

    // The timers the pipeline creates are the per-attempt timeouts and the waits (retry and gate).
    private static bool IsWait(TimeSpan due) => due != TimeSpan.FromSeconds(AttemptTimeoutSeconds) && due != Timeout.InfiniteTimeSpan;
}
