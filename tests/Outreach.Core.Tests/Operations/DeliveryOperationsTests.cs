using Moq;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Operations;
using Outreach.Core.Tests.Leaders;

namespace Outreach.Core.Tests.Operations;

public sealed class DeliveryOperationsTests
{
    private readonly Mock<IDeliveryRepository> deliveries = new(MockBehavior.Strict);
    private readonly Mock<ILeaderRepository> leaders = new(MockBehavior.Strict);
    private readonly Mock<ILetterQueue> queue = new(MockBehavior.Strict);
    private readonly List<LeaderEvent> events = [];

    public DeliveryOperationsTests()
    {
        leaders.Setup(l => l.UpdateAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent?>(), It.IsAny<CancellationToken>()))
            .Callback((Leader _, LeaderEvent? change, CancellationToken _) => events.Add(change!))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task ListUnknownAsync_DistrictInCapitals_ListsThatDistrictsWithTheLeadersAddressOldestFirst()
    {
        // Arrange
        deliveries.Setup(d => d.ListOutcomeUnknownAsync("storkobenhavn", DeliveryOperations.MaxListed, It.IsAny<CancellationToken>()))
            .ReturnsAsync([Unknown("late", "welcome", DomainTestData.Now), Unknown("early", "followup1", DomainTestData.Now.AddDays(-2))]);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "late", It.IsAny<CancellationToken>())).ReturnsAsync(DomainTestData.Leader("late"));
        leaders.Setup(l => l.GetAsync("storkobenhavn", "early", It.IsAny<CancellationToken>())).ReturnsAsync((Leader?)null);

        // Act
        var listed = await Operations().ListUnknownAsync("STORKOBENHAVN");

        // Assert
        Assert.Equal(["followup1:early", "welcome:late"], listed.Select(d => d.DeliveryKey));
        Assert.Null(listed[0].Email);
        Assert.Equal("late@institution.example", listed[1].Email);
    }

    [Fact]
    public async Task ListUnknownAsync_NoDistrict_ListsEveryDistrict()
    {
        // Arrange
        deliveries.Setup(d => d.ListOutcomeUnknownAsync(null, DeliveryOperations.MaxListed, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        // Act
        var listed = await Operations().ListUnknownAsync(null);

        // Assert
        Assert.Empty(listed);
        deliveries.VerifyAll();
    }

    [Fact]
    public async Task ResolveAsync_WelcomeFoundSent_MarksItSentAndWelcomesTheLeaderWithAnEventNamingTheStaffMember()
    {
        // Arrange
        var leader = DomainTestData.Leader("l1");
        var delivery = Unknown("l1", "welcome", DomainTestData.Now.AddHours(-3));
        deliveries.Setup(d => d.GetAsync("l1", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(delivery, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l1", It.IsAny<CancellationToken>())).ReturnsAsync(leader);

        // Act
        var outcome = await Operations().ResolveAsync("l1", "welcome", DeliveryResolution.Sent, "anne.admin", "Delivered at 06:02 per SendGrid");

        // Assert
        Assert.Equal(ResolveOutcome.Resolved, outcome);
        Assert.Equal(DeliveryStatus.Sent, delivery.Status);
        Assert.Equal(DomainTestData.Now, delivery.SentAt);
        Assert.Contains("anne.admin", delivery.Detail, StringComparison.Ordinal);
        Assert.Equal(LeaderState.Welcomed, leader.State);
        Assert.Equal(DomainTestData.Now, leader.WelcomedAt);
        var change = Assert.Single(events);
        Assert.Equal((LeaderState.Discovered, LeaderState.Welcomed, "anne.admin"), (change.From, change.To, change.Actor));
        Assert.Contains("Delivered at 06:02 per SendGrid", change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_FollowUpFoundSent_CountsTheFollowUp()
    {
        // Arrange
        var leader = DomainTestData.Leader("l2", LeaderState.Welcomed);
        var delivery = Unknown("l2", "followup1", DomainTestData.Now);
        deliveries.Setup(d => d.GetAsync("l2", "followup1", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(delivery, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l2", It.IsAny<CancellationToken>())).ReturnsAsync(leader);

        // Act
        await Operations().ResolveAsync("l2", "followup1", DeliveryResolution.Sent, "sam.staff", "Seen in the activity feed");

        // Assert
        Assert.Equal((LeaderState.FollowedUp, 1), (leader.State, leader.FollowUps));
        Assert.Equal("sam.staff", Assert.Single(events).Actor);
    }

    [Fact]
    public async Task ResolveAsync_WelcomeFoundNotSent_ReleasesTheClaimRecordsAnEventAndQueuesTheWelcomeAgain()
    {
        // Arrange
        var leader = DomainTestData.Leader("l3");
        var delivery = Unknown("l3", "welcome", DomainTestData.Now);
        var order = new List<string>();
        deliveries.Setup(d => d.GetAsync("l3", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(delivery, It.IsAny<CancellationToken>())).Callback(() => order.Add("mark")).ReturnsAsync(true);
        deliveries.Setup(d => d.ReleaseAsync(delivery, It.IsAny<CancellationToken>())).Callback(() => order.Add("release")).Returns(Task.CompletedTask);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l3", It.IsAny<CancellationToken>())).ReturnsAsync(leader);
        queue.Setup(q => q.EnqueueWelcomesAsync(It.IsAny<IReadOnlyCollection<WelcomeWorkItem>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken _) => order.Add("queue " + Assert.Single(items)))
            .Returns(Task.CompletedTask);

        // Act
        var outcome = await Operations().ResolveAsync("l3", "welcome", DeliveryResolution.NotSent, "anne.admin", "Not in SendGrid's activity");

        // Assert
        Assert.Equal(ResolveOutcome.Resolved, outcome);
        Assert.Equal(["mark", "release", "queue " + new WelcomeWorkItem("storkobenhavn", "l3")], order);
        Assert.Equal(LeaderState.Discovered, leader.State);
        var change = Assert.Single(events);
        Assert.Equal((LeaderState.Discovered, LeaderState.Discovered, "anne.admin"), (change.From, change.To, change.Actor));
    }

    [Fact]
    public async Task ResolveAsync_SecondFollowUpFoundNotSent_QueuesThatFollowUpAgain()
    {
        // Arrange
        var delivery = Unknown("l4", "followup2", DomainTestData.Now);
        deliveries.Setup(d => d.GetAsync("l4", "followup2", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(delivery, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        deliveries.Setup(d => d.ReleaseAsync(delivery, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l4", It.IsAny<CancellationToken>())).ReturnsAsync(DomainTestData.Leader("l4", LeaderState.FollowedUp));
        queue.Setup(q => q.EnqueueFollowUpsAsync(
            It.Is<IReadOnlyCollection<FollowUpWorkItem>>(items => items.Single() == new FollowUpWorkItem("storkobenhavn", "l4", 2)), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        // Act
        await Operations().ResolveAsync("l4", "followup2", DeliveryResolution.NotSent, "anne.admin", "Not there");

        // Assert
        queue.VerifyAll();
    }

    [Theory]
    [InlineData("Sent")]
    [InlineData("Claimed")]
    [InlineData("Rejected")]
    public async Task ResolveAsync_OutcomeKnown_ChangesNothing(string status)
    {
        // Arrange
        var delivery = Unknown("l5", "welcome", DomainTestData.Now);
        delivery.Status = Enum.Parse<DeliveryStatus>(status);
        deliveries.Setup(d => d.GetAsync("l5", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);

        // Act
        var outcome = await Operations().ResolveAsync("l5", "welcome", DeliveryResolution.NotSent, "anne.admin", "Checked");

        // Assert
        Assert.Equal(ResolveOutcome.NotOutcomeUnknown, outcome);
        deliveries.Verify(d => d.ReleaseAsync(It.IsAny<Delivery>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(events);
    }

    [Fact]
    public async Task ResolveAsync_ResolvedMeanwhileBySomeoneElse_AnswersNotOutcomeUnknownAndLeavesTheLeader()
    {
        // Arrange
        var delivery = Unknown("l6", "welcome", DomainTestData.Now);
        deliveries.Setup(d => d.GetAsync("l6", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(delivery, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l6", It.IsAny<CancellationToken>())).ReturnsAsync(DomainTestData.Leader("l6"));

        // Act
        var outcome = await Operations().ResolveAsync("l6", "welcome", DeliveryResolution.Sent, "anne.admin", "Checked");

        // Assert
        Assert.Equal(ResolveOutcome.NotOutcomeUnknown, outcome);
        Assert.Empty(events);
    }

    [Fact]
    public async Task ResolveAsync_NotSentButResolvedMeanwhile_NeitherReleasesNorQueues()
    {
        // Arrange
        var delivery = Unknown("l8", "welcome", DomainTestData.Now);
        deliveries.Setup(d => d.GetAsync("l8", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync(delivery);
        deliveries.Setup(d => d.TryUpdateAsync(delivery, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l8", It.IsAny<CancellationToken>())).ReturnsAsync(DomainTestData.Leader("l8"));

        // Act
        var outcome = await Operations().ResolveAsync("l8", "welcome", DeliveryResolution.NotSent, "anne.admin", "Checked");

        // Assert: the strict mocks fail on a release or a queued letter.
        Assert.Equal(ResolveOutcome.NotOutcomeUnknown, outcome);
        Assert.Empty(events);
    }

    [Fact]
    public async Task ResolveAsync_NoSuchDelivery_AnswersNotFound()
    {
        // Arrange
        deliveries.Setup(d => d.GetAsync("nobody", "welcome", It.IsAny<CancellationToken>())).ReturnsAsync((Delivery?)null);

        // Act
        var outcome = await Operations().ResolveAsync("nobody", "welcome", DeliveryResolution.Sent, "anne.admin", "Checked");

        // Assert
        Assert.Equal(ResolveOutcome.NotFound, outcome);
    }

    [Fact]
    public async Task ResolveAsync_EmptyNote_IsRefusedNamingNoteBeforeReadingAnything()
    {
        // Act
        var refusal = await Assert.ThrowsAsync<InvalidFieldException>(() => Operations().ResolveAsync("l7", "welcome", DeliveryResolution.Sent, "anne.admin", " "));

        // Assert
        Assert.Equal("note", refusal.Field);
        deliveries.VerifyNoOtherCalls();
    }

    private static Delivery Unknown(string leaderId, string kind, DateTimeOffset claimedAt) => new()
    {
        LeaderId = leaderId,
        Kind = kind,
        District = "storkobenhavn",
        Status = DeliveryStatus.OutcomeUnknown,
        ClaimedAt = claimedAt,
        Template = "welcome-nonmember",
        Detail = "Timeout",
        Version = "W/\"1\"",
    };

    private DeliveryOperations Operations() => new(deliveries.Object, leaders.Object, queue.Object, DomainTestData.Districts(), DomainTestData.Clock());
}
