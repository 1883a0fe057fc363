using Moq;
using Outreach.Core.Operations;

namespace Outreach.Core.Tests.Operations;

public sealed class PoisonQueueOperationsTests
{
    private static readonly DateTimeOffset Inserted = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private readonly Mock<IPoisonQueues> queues = new(MockBehavior.Strict);

    public PoisonQueueOperationsTests() => queues.SetupGet(q => q.Names).Returns(["follow-up-letters-poison", "welcome-letters-poison"]);

    [Fact]
    public async Task ListAsync_WorkItemsAndGarbage_ShowsTheLeaderOfEachWorkItemAndTheStartOfEachMalformedMessage()
    {
        // Arrange
        var garbage = "not json " + new string('x', 300);
        queues.Setup(q => q.ListAsync("welcome-letters-poison", PoisonQueueOperations.MaxListedPerQueue, It.IsAny<CancellationToken>()))
            .ReturnsAsync([
                new PoisonQueueMessage("m1", Inserted, 5, """{"district":"storkobenhavn","leaderId":"l1"}"""),
                new PoisonQueueMessage("m2", Inserted, 5, garbage),
                new PoisonQueueMessage("m3", Inserted, 5, """{"district":"storkobenhavn"}"""),
            ]);
        queues.Setup(q => q.ListAsync("follow-up-letters-poison", PoisonQueueOperations.MaxListedPerQueue, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new PoisonQueueMessage("m4", Inserted, 6, """{"district":"nordjylland","leaderId":"l9","followUpNumber":7}""")]);

        // Act
        var listed = await new PoisonQueueOperations(queues.Object).ListAsync();

        // Assert
        Assert.Equal(4, listed.Count);
        var followUp = listed.Single(m => m.MessageId == "m4");
        Assert.Equal(("follow-up-letters-poison", "nordjylland", "l9", false, 6L), (followUp.Queue, followUp.District, followUp.LeaderId, followUp.Malformed, followUp.DequeueCount));
        var welcome = listed.Single(m => m.MessageId == "m1");
        Assert.Equal(("storkobenhavn", "l1", false, (string?)null), (welcome.District, welcome.LeaderId, welcome.Malformed, welcome.Preview));
        var malformed = listed.Single(m => m.MessageId == "m2");
        Assert.True(malformed.Malformed);
        Assert.Equal(garbage[..200], malformed.Preview);
        Assert.True(listed.Single(m => m.MessageId == "m3").Malformed);
    }

    [Theory]
    [InlineData("""{"campaignId":"c-abc","batchNumber":3}""", "c-abc", 3)]
    [InlineData("""{"campaignId":"c-abc"}""", "c-abc", null)]
    public void View_CampaignWorkItem_ShowsTheCampaignAndBatch(string text, string campaignId, int? batchNumber)
    {
        // Act
        var view = PoisonQueueOperations.View("campaign-batches-poison", new PoisonQueueMessage("m1", Inserted, 5, text));

        // Assert
        Assert.Equal((false, campaignId, batchNumber, (string?)null), (view.Malformed, view.CampaignId, view.BatchNumber, view.Preview));
    }

    [Theory]
    [InlineData("""{"campaignId":"","batchNumber":3}""")]
    [InlineData("""{"campaignId":"c-abc","batchNumber":-1}""")]
    [InlineData("""{"campaignId":"c-abc","batchNumber":"one"}""")]
    public void View_BrokenCampaignWorkItem_IsMalformed(string text)
    {
        // Act
        var view = PoisonQueueOperations.View("campaign-batches-poison", new PoisonQueueMessage("m1", Inserted, 5, text));

        // Assert
        Assert.Equal((true, (string?)null, text), (view.Malformed, view.CampaignId, view.Preview));
    }

    [Fact]
    public async Task RequeueAsync_UnknownQueue_IsRefusedWithoutTouchingAQueue()
    {
        // Act + Assert
        await Assert.ThrowsAsync<ArgumentException>(() => new PoisonQueueOperations(queues.Object).RequeueAsync("welcome-letters", "m1"));
        queues.Verify(q => q.RequeueAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DiscardAsync_KnownQueue_DiscardsThroughThePort()
    {
        // Arrange
        queues.Setup(q => q.DiscardAsync("welcome-letters-poison", "m1", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        // Act
        var discarded = await new PoisonQueueOperations(queues.Object).DiscardAsync("welcome-letters-poison", "m1");

        // Assert
        Assert.True(discarded);
    }
}
