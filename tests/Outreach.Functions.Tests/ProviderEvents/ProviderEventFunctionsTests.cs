using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.ProviderEvents;
using Outreach.Core.Storage;
using Outreach.Functions.Letters;
using Outreach.Functions.ProviderEvents;
using Outreach.Functions.Tests.Leaders;
using Outreach.Testing.SendGrid;

namespace Outreach.Functions.Tests.ProviderEvents;

/// <summary>SendGrid's Event Webhook end to end: signed bounces suppress, anything else signed wrongly changes nothing.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class ProviderEventFunctionsTests : IDisposable
{
    private readonly FunctionsFixture fixture;
    private readonly WebhookSigner signer = new();
    private readonly IServiceProvider services;
    private readonly TableServiceClient tables;

    public ProviderEventFunctionsTests(FunctionsFixture fixture)
    {
        this.fixture = fixture;
        services = fixture.CreateServices("", [new("Outreach:SendGrid:WebhookPublicKey", signer.PublicKey)]);
        tables = new TableServiceClient(fixture.ConnectionString);
    }

    public void Dispose() => signer.Dispose();

    [Fact]
    public async Task Receive_SignedHardBounceOfAWelcome_SuppressesTheAddressAndTheLeaderBecomesUndeliverable()
    {
        // Arrange
        var person = TestLeaders.Unique("bounce");
        var leaderId = await TestLeaders.ImportOneAsync(services, person);
        await SendWelcomeAsync(leaderId);
        var body = Batch(Bounce(person + "@example.org", "welcome:" + leaderId));

        // Act
        var answer = await PostAsync(body, Signed(body));

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Equal(LeaderState.Undeliverable, (await TestLeaders.GetAsync(services, leaderId)).State);
        Assert.Equal("sendgrid", (await services.GetRequiredService<LeaderQueries>().GetEventsAsync("storkobenhavn", leaderId))[^1].Actor);
        Assert.True(await IsSuppressedAsync(person + "@example.org"));
        var delivery = await tables.GetTableClient(StorageNames.DeliveriesTable).GetEntityAsync<TableEntity>(leaderId, "welcome");
        Assert.Equal("bounce", delivery.Value.GetString("ProviderStatus"));
    }

    [Fact]
    public async Task Receive_SignedHardBounceBeforeTheWelcome_TheWelcomeToThatAddressIsNotSent()
    {
        // Arrange: the address bounced for a mail that is not one of our deliveries, before the leader was found.
        var person = TestLeaders.Unique("early");
        var body = Batch(Bounce(person + "@example.org", deliveryKey: null));
        Assert.Equal(200, (await PostAsync(body, Signed(body))).Status);
        var leaderId = await TestLeaders.ImportOneAsync(services, person);

        // Act
        await SendWelcomeAsync(leaderId);

        // Assert
        Assert.Empty(OutboxLetters());
        Assert.Equal(LeaderState.Undeliverable, (await TestLeaders.GetAsync(services, leaderId)).State);
    }

    [Theory]
    [InlineData("forged")]
    [InlineData("altered")]
    [InlineData("stale")]
    [InlineData("unsigned")]
    public async Task Receive_ForgedAlteredStaleOrUnsigned_Answers401AndChangesNothing(string attack)
    {
        // Arrange
        var person = TestLeaders.Unique("attack");
        var leaderId = await TestLeaders.ImportOneAsync(services, person);
        var body = Batch(Bounce(person + "@example.org", "welcome:" + leaderId));
        using var forger = new WebhookSigner();
        var now = DateTimeOffset.UtcNow;
        var (timestamp, signature, sent) = attack switch
        {
            "forged" => (WebhookSigner.Timestamp(now), forger.Sign(WebhookSigner.Timestamp(now), body), body),
            "altered" => (WebhookSigner.Timestamp(now), Signed(body).Signature, Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("5.1.1", "5.1.2", StringComparison.Ordinal))),
            "stale" => (WebhookSigner.Timestamp(now.AddMinutes(-11)), signer.Sign(WebhookSigner.Timestamp(now.AddMinutes(-11)), body), body),
            _ => ((string?)null, (string?)null, body),
        };
        var eventsBefore = (await services.GetRequiredService<LeaderQueries>().GetEventsAsync("storkobenhavn", leaderId)).Count;

        // Act
        var answer = await PostAsync(sent, (timestamp, signature));

        // Assert
        Assert.Equal(401, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(LeaderState.Discovered, (await TestLeaders.GetAsync(services, leaderId)).State);
        Assert.Equal(eventsBefore, (await services.GetRequiredService<LeaderQueries>().GetEventsAsync("storkobenhavn", leaderId)).Count);
        Assert.False(await IsSuppressedAsync(person + "@example.org"));

        // The refused batch was not marked as processed: SendGrid's genuine delivery of it still applies.
        Assert.Equal(200, (await PostAsync(body, Signed(body))).Status);
        Assert.True(await IsSuppressedAsync(person + "@example.org"));
    }

    [Fact]
    public async Task Receive_SameBatchTwice_IsAppliedOnce()
    {
        // Arrange
        var person = TestLeaders.Unique("twice");
        var leaderId = await TestLeaders.ImportOneAsync(services, person);
        await SendWelcomeAsync(leaderId);
        var now = DateTimeOffset.UtcNow;
        var body = Batch(new Dictionary<string, object>
        {
            ["email"] = person + "@example.org",
            ["timestamp"] = now.ToUnixTimeSeconds(),
            ["event"] = "delivered",
            ["sg_event_id"] = Guid.NewGuid().ToString("N"),
            ["delivery_key"] = "welcome:" + leaderId,
        });
        var before = await CountAsync("storkobenhavn", now, "delivered");

        // Act
        var first = await PostAsync(body, Signed(body));
        var second = await PostAsync(body, Signed(body));

        // Assert
        Assert.Equal((200, 200), (first.Status, second.Status));
        Assert.Equal(before + 1, await CountAsync("storkobenhavn", now, "delivered"));
    }

    [Fact]
    public async Task Receive_SignedButNotAnArrayOfEvents_Answers400NamingTheBody()
    {
        // Arrange
        var body = Encoding.UTF8.GetBytes("""{"event":"bounce"}""");

        // Act
        var answer = await PostAsync(body, Signed(body));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]!["body"]);
    }

    [Fact]
    public async Task Receive_BodyOverTheLimit_Answers413()
    {
        // Arrange
        var body = new byte[ProviderEventOptions.MaxBodyBytes + 10];

        // Act
        var answer = await PostAsync(body, Signed(body));

        // Assert
        Assert.Equal(413, answer.Status);
    }

    [Fact]
    public async Task Receive_NoKeyConfigured_RefusesEvenAGenuineSignature()
    {
        // Arrange: the sample settings leave the key empty.
        var body = Batch(Bounce(TestLeaders.Unique("nokey") + "@example.org", deliveryKey: null));

        // Act
        var answer = await PostAsync(body, Signed(body), fixture.Services);

        // Assert
        Assert.Equal(401, answer.Status);
    }

    private static Dictionary<string, object> Bounce(string email, string? deliveryKey)
    {
        var bounce = new Dictionary<string, object>
        {
            ["email"] = email,
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["event"] = "bounce",
            ["type"] = "bounce",
            ["status"] = "5.1.1",
            ["reason"] = "550 5.1.1 The email account that you tried to reach does not exist.",
            ["sg_event_id"] = Guid.NewGuid().ToString("N"),
            ["sg_message_id"] = "m" + Guid.NewGuid().ToString("N")[..10] + ".filter",
        };
        if (deliveryKey is not null)
        {
            bounce["delivery_key"] = deliveryKey;
        }

        return bounce;
    }

    // As SendGrid sends it: an array, and a CRLF after it (the signature covers those bytes too).
    private static byte[] Batch(params Dictionary<string, object>[] events) =>
        Encoding.UTF8.GetBytes("[" + string.Join(",\r\n", events.Select(e => JsonSerializer.Serialize(e))) + "]\r\n");

    private (string? Timestamp, string? Signature) Signed(byte[] body)
    {
        var timestamp = WebhookSigner.Timestamp(DateTimeOffset.UtcNow);
        return (timestamp, signer.Sign(timestamp, body));
    }

    private async Task<Answer> PostAsync(byte[] body, (string? Timestamp, string? Signature) headers, IServiceProvider? other = null)
    {
        var target = other ?? services;
        var request = HttpCalls.Request(target, "POST", "/api/public/sendgrid/events");
        request.Body = new MemoryStream(body);
        request.ContentLength = body.Length;
        request.ContentType = "application/json";
        if (headers.Timestamp is not null)
        {
            request.Headers[WebhookSignatureVerifier.TimestampHeader] = headers.Timestamp;
        }

        if (headers.Signature is not null)
        {
            request.Headers[WebhookSignatureVerifier.SignatureHeader] = headers.Signature;
        }

        return await HttpCalls.CallAsync(request, r => fixture.Create<ProviderEventFunctions>(target).ReceiveAsync(r, default));
    }

    private async Task SendWelcomeAsync(string leaderId) =>
        await fixture.Create<LetterFunctions>(services).SendWelcomeAsync(
            JsonSerializer.Serialize(new WelcomeWorkItem("storkobenhavn", leaderId), WorkItemJsonContext.Default.WelcomeWorkItem), default);

    private string[] OutboxLetters() =>
        Directory.Exists(FunctionsFixture.OutboxOf(services)) ? Directory.GetFiles(FunctionsFixture.OutboxOf(services), "*.eml") : [];

    private async Task<bool> IsSuppressedAsync(string email) =>
        (await tables.GetTableClient(StorageNames.SuppressionsTable).GetEntityIfExistsAsync<TableEntity>("email", EmailAddresses.Hash(email))).HasValue;

    private async Task<long> CountAsync(string district, DateTimeOffset at, string type)
    {
        var row = CopenhagenTime.DateAt(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "_" + type;
        var entity = await tables.GetTableClient(StorageNames.ProviderEventCountsTable).GetEntityIfExistsAsync<TableEntity>(district, row);
        return entity.HasValue ? entity.Value!.GetInt64("Count") ?? 0 : 0;
    }
}
