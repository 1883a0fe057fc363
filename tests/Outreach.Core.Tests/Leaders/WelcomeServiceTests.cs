using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.OptOuts;
using Outreach.Core.PrintLetters;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Leaders;

/// <summary>The welcome through the letter dispatcher, against its ports.</summary>
public sealed class WelcomeServiceTests
{
    private readonly Mock<ILeaderRepository> leaders = new();
    private readonly Mock<IDeliveryRepository> deliveries = new();
    private readonly Mock<ISuppressionList> suppressions = new();
    private readonly Mock<IOptOutRepository> optOuts = new();
    private readonly Mock<ILetterRenderer> renderer = new();
    private readonly Mock<IMailSender> mail = new();
    private readonly Mock<IUnsubscribeTokens> tokens = new();
    private readonly Leader leader = DomainTestData.Leader("l1");

    public WelcomeServiceTests()
    {
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l1", It.IsAny<CancellationToken>())).ReturnsAsync(leader);
        deliveries.Setup(d => d.ClaimAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ReturnsAsync((Delivery claim, CancellationToken _) => (true, claim));
        renderer.Setup(r => r.Render(It.IsAny<DistrictOptions>(), It.IsAny<string>(), It.IsAny<LetterModel>()))
            .Returns((DistrictOptions _, string template, LetterModel _) => new RenderedLetter(template, "<p>Kære</p>", "Kære"));
        tokens.Setup(t => t.CreateLink(It.IsAny<string>(), It.IsAny<string>(), OptOutCategory.Outreach)).Returns(new Uri("https://outreach.example/u?t=x"));
        mail.Setup(m => m.SendAsync(It.IsAny<OutgoingMail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new MailSendResult("sg-1"));
    }

    [Fact]
    public async Task SendAsync_NonMember_SendsTheInvitationRecordsTheDeliveryAndMovesTheLeaderWithItsEventInOneWrite()
    {
        // Act
        var outcome = await Service().SendAsync(new WelcomeWorkItem("storkobenhavn", "l1"));

        // Assert
        Assert.Equal(LetterOutcome.Sent, outcome);
        mail.Verify(m => m.SendAsync(It.Is<OutgoingMail>(o => o.Subject == WelcomeService.NonMemberTemplate && o.DeliveryKey == "welcome:l1"), It.IsAny<CancellationToken>()), Times.Once);
        deliveries.Verify(d => d.SaveAsync(It.Is<Delivery>(x => x.Status == DeliveryStatus.Sent && x.ProviderMessageId == "sg-1"), It.IsAny<CancellationToken>()), Times.Once);
        leaders.Verify(l => l.UpdateAsync(leader, It.Is<LeaderEvent>(e => e.From == LeaderState.Discovered && e.To == LeaderState.Welcomed), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal((LeaderState.Welcomed, DomainTestData.Now), (leader.State, leader.WelcomedAt));
    }

    [Fact]
    public async Task SendAsync_LetterSentButLeaderNotMovedOn_SendsNothingAndMovesTheLeader()
    {
        // Arrange: an earlier attempt sent the letter and died before the state change.
        deliveries.Setup(d => d.GetAsync("l1", "welcome", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Delivery { LeaderId = "l1", Kind = "welcome", District = "storkobenhavn", Status = DeliveryStatus.Sent, ProviderMessageId = "sg-0" });

        // Act
        var outcome = await Service().SendAsync(new WelcomeWorkItem("storkobenhavn", "l1"));

        // Assert
        Assert.Equal(LetterOutcome.AlreadySent, outcome);
        mail.VerifyNoOtherCalls();
        leaders.Verify(l => l.UpdateAsync(leader, It.Is<LeaderEvent>(e => e.To == LeaderState.Welcomed), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_DuplicateItemMeetsAClaimThatIsRecordedSentMeanwhile_LeavesTheSentRecordStanding()
    {
        // Arrange: the duplicate reads the claim, then the live attempt records Sent before the duplicate's mark lands.
        deliveries.SetupSequence(d => d.GetAsync("l1", "welcome", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Delivery { LeaderId = "l1", Kind = "welcome", District = "storkobenhavn", Status = DeliveryStatus.Claimed, Version = "v1" })
            .ReturnsAsync(new Delivery { LeaderId = "l1", Kind = "welcome", District = "storkobenhavn", Status = DeliveryStatus.Sent, Version = "v2" });
        deliveries.Setup(d => d.TryUpdateAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        // Act
        var outcome = await Service().SendAsync(new WelcomeWorkItem("storkobenhavn", "l1"));

        // Assert
        Assert.Equal(LetterOutcome.AlreadySent, outcome);
        mail.VerifyNoOtherCalls();
        deliveries.Verify(d => d.SaveAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_MailProvablyNotSent_ReleasesTheClaimSoThatARetrySends()
    {
        // Arrange
        mail.Setup(m => m.SendAsync(It.IsAny<OutgoingMail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new MailNotSentException("connection refused"));

        // Act
        await Assert.ThrowsAsync<MailNotSentException>(() => Service().SendAsync(new WelcomeWorkItem("storkobenhavn", "l1")));

        // Assert
        deliveries.Verify(d => d.ReleaseAsync(It.Is<Delivery>(x => x.Kind == "welcome"), It.IsAny<CancellationToken>()), Times.Once);
        leaders.Verify(l => l.UpdateAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent?>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(LeaderState.Discovered, leader.State);
    }

    [Fact]
    public async Task SendAsync_SuppressedAddress_SendsNothingAndRecordsUndeliverableWithTheReason()
    {
        // Arrange
        suppressions.Setup(s => s.ReasonAsync(leader.Email, It.IsAny<CancellationToken>())).ReturnsAsync("bounce");

        // Act
        var outcome = await Service().SendAsync(new WelcomeWorkItem("storkobenhavn", "l1"));

        // Assert
        Assert.Equal(LetterOutcome.Skipped, outcome);
        mail.VerifyNoOtherCalls();
        deliveries.Verify(d => d.ClaimAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
        leaders.Verify(l => l.UpdateAsync(leader, It.Is<LeaderEvent>(e => e.To == LeaderState.Undeliverable && e.Reason.Contains("bounce")), It.IsAny<CancellationToken>()), Times.Once);
    }

    private WelcomeService Service() => new(new LetterDispatcher(
        leaders.Object,
        deliveries.Object,
        suppressions.Object,
        optOuts.Object,
        DomainTestData.Districts(),
        renderer.Object,
        mail.Object,
        Mock.Of<IPrintLetterWriter>(),
        tokens.Object,
        DomainTestData.Clock(),
        NullLogger<LetterDispatcher>.Instance));
}
