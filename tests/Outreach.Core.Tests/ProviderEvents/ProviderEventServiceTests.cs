using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.OptOuts;
using Outreach.Core.ProviderEvents;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.ProviderEvents;

/// <summary>What each SendGrid event does to deliveries, the suppression list, opt-outs and leaders, against the ports.</summary>
public sealed class ProviderEventServiceTests : IDisposable
{
    private const string Hanne = "l1@institution.example";

    private readonly WebhookSigner signer = new();
    private readonly Mock<IProcessedEventStore> processed = new();
    private readonly Mock<IProviderEventCounters> counters = new();
    private readonly Mock<IDeliveryRepository> deliveries = new();
    private readonly Mock<ILeaderRepository> leaders = new();
    private readonly Mock<ISuppressionList> suppressions = new();
    private readonly Mock<IOptOutRepository> optOuts = new();
    private readonly HashSet<string> processedKeys = [];
    private readonly Leader leader = DomainTestData.Leader("l1", LeaderState.Welcomed);
    private readonly Delivery delivery = new() { LeaderId = "l1", Kind = "welcome", District = "storkobenhavn", Status = DeliveryStatus.Sent, Version = "v1" };

    public ProviderEventServiceTests()
    {
        processed.Setup(p => p.HasAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string key, CancellationToken _) => processedKeys.Contains(key));
        processed.Setup(p => p.TryAddAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string key, CancellationToken _) => processedKeys.Add(key));
        deliveries.Setup(d => d.GetAsync("l1", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        leaders.Setup(l => l.ListAsync("storkobenhavn", It.Is<LeaderFilter>(f => f.EmailHash == EmailAddresses.Hash(Hanne)), It.IsAny<CancellationToken>())).ReturnsAsync([leader]);
        leaders.Setup(l => l.ListAsync("nordjylland", It.IsAny<LeaderFilter>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
    }

    public void Dispose() => signer.Dispose();

    [Fact]
    public async Task ReceiveAsync_HardBounce_SuppressesTheAddressAndMakesTheLeaderUndeliverable()
    {
        // Act
        var receipt = await ReceiveAsync(Event("bounce", "e1", """ "type":"bounce","status":"5.1.1","reason":"550 no such user" """));

        // Assert
        Assert.Equal((WebhookStatus.Applied, 1), (receipt.Status, receipt.Applied));
        suppressions.Verify(s => s.SuppressAsync(Hanne, It.Is<string>(r => r.Contains("bounce", StringComparison.OrdinalIgnoreCase)), ProviderEventService.Actor, It.IsAny<CancellationToken>()), Times.Once);
        leaders.Verify(l => l.UpdateAsync(leader, It.Is<LeaderEvent>(e => e.From == LeaderState.Welcomed && e.To == LeaderState.Undeliverable && e.Actor == "sendgrid"), It.IsAny<CancellationToken>()), Times.Once);
        deliveries.Verify(d => d.TryUpdateAsync(It.Is<Delivery>(x => x.ProviderStatus == "bounce"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReceiveAsync_BlockedBounce_RecordsTheBlockButSuppressesNobody()
    {
        // Act
        await ReceiveAsync(Event("bounce", "e1", """ "type":"blocked","status":"4.0.0" """));

        // Assert
        suppressions.Verify(s => s.SuppressAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        leaders.Verify(l => l.UpdateAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent>(), It.IsAny<CancellationToken>()), Times.Never);
        deliveries.Verify(d => d.TryUpdateAsync(It.Is<Delivery>(x => x.ProviderStatus == "blocked"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("Bounced Address", true)]
    [InlineData("Invalid", true)]
    [InlineData("Unsubscribed Address", false)]
    [InlineData("Invalid SMTPAPI header", false)]
    public async Task ReceiveAsync_Dropped_SuppressesOnlyForAnInvalidAddress(string reason, bool suppressed)
    {
        // Act
        await ReceiveAsync(Event("dropped", "e1", $""" "reason":"{reason}" """));

        // Assert
        suppressions.Verify(s => s.SuppressAsync(Hanne, It.IsAny<string>(), "sendgrid", It.IsAny<CancellationToken>()), suppressed ? Times.Once() : Times.Never());
        Assert.Equal(suppressed ? LeaderState.Undeliverable : LeaderState.Welcomed, leader.State);
    }

    [Fact]
    public async Task ReceiveAsync_SpamReport_OptsThePersonOutOfEverything()
    {
        // Act
        await ReceiveAsync(Event("spamreport", "e1"));

        // Assert
        optOuts.Verify(o => o.RecordAsync(EmailAddresses.Hash(Hanne), OptOutCategory.All, "storkobenhavn", It.IsAny<CancellationToken>()), Times.Once);
        leaders.Verify(l => l.UpdateAsync(leader, It.Is<LeaderEvent>(e => e.To == LeaderState.OptedOut), It.IsAny<CancellationToken>()), Times.Once);
        suppressions.Verify(s => s.SuppressAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReceiveAsync_UnsubscribeFromANewsletter_OptsOutOfNewslettersOnlyAndLeavesTheLeader()
    {
        // Act
        await ReceiveAsync(Event("unsubscribe", "e1", """ "category":["newsletter","storkobenhavn"] """));

        // Assert
        optOuts.Verify(o => o.RecordAsync(EmailAddresses.Hash(Hanne), OptOutCategory.Newsletter, "storkobenhavn", It.IsAny<CancellationToken>()), Times.Once);
        optOuts.Verify(o => o.RecordAsync(It.IsAny<string>(), It.IsNotIn(OptOutCategory.Newsletter), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        leaders.Verify(l => l.UpdateAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("unsubscribe")]
    [InlineData("group_unsubscribe")]
    public async Task ReceiveAsync_UnsubscribeFromAWelcome_OptsOutOfOutreachAndMovesTheLeader(string type)
    {
        // Act
        await ReceiveAsync(Event(type, "e1", """ "category":"outreach" """));

        // Assert
        optOuts.Verify(o => o.RecordAsync(EmailAddresses.Hash(Hanne), OptOutCategory.Outreach, "storkobenhavn", It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(LeaderState.OptedOut, leader.State);
    }

    [Fact]
    public async Task ReceiveAsync_SameBatchTwice_AppliesItOnce()
    {
        // Arrange
        var batch = Event("bounce", "e1", """ "type":"bounce" """);
        await ReceiveAsync(batch);

        // Act
        var again = await ReceiveAsync(batch);

        // Assert
        Assert.Equal((WebhookStatus.Applied, 0, 1), (again.Status, again.Applied, again.Duplicates));
        suppressions.Verify(s => s.SuppressAsync(Hanne, It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        counters.Verify(c => c.AddAsync("storkobenhavn", new DateOnly(2026, 12, 3), "bounce", 1, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReceiveAsync_SameEventTwiceInOneBatch_AppliesItOnce()
    {
        // Arrange
        var one = Event("spamreport", "e1").Trim('[', ']');

        // Act
        var receipt = await ReceiveAsync($"[{one},{one}]");

        // Assert
        Assert.Equal((1, 1), (receipt.Applied, receipt.Duplicates));
        optOuts.Verify(o => o.RecordAsync(It.IsAny<string>(), OptOutCategory.All, It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReceiveAsync_UnknownEventType_IsCountedAndChangesNothingElse()
    {
        // Act
        var receipt = await ReceiveAsync(Event("machine_opened_someday", "e1"));

        // Assert
        Assert.Equal((WebhookStatus.Applied, 1), (receipt.Status, receipt.Unknown));
        counters.Verify(c => c.AddAsync("storkobenhavn", new DateOnly(2026, 12, 3), "unknown", 1, It.IsAny<CancellationToken>()), Times.Once);
        suppressions.VerifyNoOtherCalls();
        optOuts.VerifyNoOtherCalls();
        deliveries.Verify(d => d.TryUpdateAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReceiveAsync_OpenWhereTheDistrictKeepsNoEngagement_IsOnlyCounted()
    {
        // Act
        await ReceiveAsync(Event("open", "e1") + "\r\n");

        // Assert
        counters.Verify(c => c.AddAsync("storkobenhavn", new DateOnly(2026, 12, 3), "open", 1, It.IsAny<CancellationToken>()), Times.Once);
        deliveries.Verify(d => d.TryUpdateAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReceiveAsync_DeliveredAfterALaterDeferral_KeepsTheLaterStatus()
    {
        // Arrange
        delivery.ProviderStatus = "deferred";
        delivery.ProviderStatusAt = DomainTestData.Now;

        // Act: an event older than the recorded one (SendGrid does not keep order).
        await ReceiveAsync(Event("delivered", "e1", timestamp: DomainTestData.Now.AddMinutes(-1)));

        // Assert
        Assert.Equal("deferred", delivery.ProviderStatus);
        deliveries.Verify(d => d.TryUpdateAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("{\"event\":\"open\"}")]
    [InlineData("[1, 2]")]
    [InlineData("[{\"timestamp\":\"soon\"}]")]
    [InlineData("not json")]
    public async Task ReceiveAsync_SignedButNotAnArrayOfEvents_IsMalformedAndChangesNothing(string body)
    {
        // Act
        var receipt = await ReceiveAsync(body);

        // Assert
        Assert.Equal(WebhookStatus.Malformed, receipt.Status);
        counters.VerifyNoOtherCalls();
        processed.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ReceiveAsync_ForgedSignature_IsRefusedAndChangesNothing()
    {
        // Arrange
        using var forger = new WebhookSigner();
        var body = Encoding.UTF8.GetBytes(Event("bounce", "e1", """ "type":"bounce" """));
        var timestamp = WebhookSigner.Timestamp(DomainTestData.Now);

        // Act
        var receipt = await Service().ReceiveAsync(forger.Sign(timestamp, body), timestamp, body);

        // Assert
        Assert.Equal((WebhookStatus.Refused, SignatureCheck.Invalid), (receipt.Status, receipt.Signature));
        suppressions.VerifyNoOtherCalls();
        processed.VerifyNoOtherCalls();
        counters.VerifyNoOtherCalls();
    }

    private static string Event(string type, string id, string extra = "", DateTimeOffset? timestamp = null)
    {
        var at = (timestamp ?? DomainTestData.Now).ToUnixTimeSeconds();
        var more = string.IsNullOrWhiteSpace(extra) ? "" : "," + extra.Trim();
        return $$"""[{"email":"{{Hanne}}","timestamp":{{at}},"event":"{{type}}","sg_event_id":"{{id}}","sg_message_id":"m1.filter","delivery_key":"welcome:l1","unknown_field":{"x":1}{{more}}}]""";
    }

    private Task<WebhookReceipt> ReceiveAsync(string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = WebhookSigner.Timestamp(DomainTestData.Now);
        return Service().ReceiveAsync(signer.Sign(timestamp, body), timestamp, body);
    }

    private ProviderEventService Service()
    {
        var clock = DomainTestData.Clock();
        var districts = DomainTestData.Districts();
        var verifier = new WebhookSignatureVerifier(Options.Create(new ProviderEventOptions { WebhookPublicKey = signer.PublicKey }), clock);
        var optOutService = new OptOutService(optOuts.Object, leaders.Object, districts, Mock.Of<IUnsubscribeTokens>(), clock);
        return new ProviderEventService(
            verifier, processed.Object, counters.Object, deliveries.Object, leaders.Object, suppressions.Object, optOutService, districts, clock, NullLogger<ProviderEventService>.Instance);
    }
}
