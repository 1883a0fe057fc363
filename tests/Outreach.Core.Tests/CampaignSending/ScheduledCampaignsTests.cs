using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignSending;

public sealed class ScheduledCampaignsTests
{
    private readonly InMemoryCampaigns campaigns = new();
    private readonly Mock<ICampaignWorkQueue> queue = new(MockBehavior.Strict);
    private readonly List<string> planned = [];

    public ScheduledCampaignsTests() =>
        queue.Setup(q => q.EnqueuePlanAsync(It.IsAny<CampaignPlanWorkItem>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignPlanWorkItem, CancellationToken>((item, _) => planned.Add(item.CampaignId))
            .Returns(Task.CompletedTask);

    [Fact]
    public async Task StartDueAsync_OneDueOneLater_StartsTheDueOneAndQueuesItsPlanning()
    {
        // Arrange
        var due = Scheduled(Now.AddMinutes(-1));
        var later = Scheduled(Now.AddHours(1));
        await campaigns.AddAsync(due, default);
        await campaigns.AddAsync(later, default);

        // Act
        var started = await new ScheduledCampaigns(campaigns, queue.Object, Clock(), NullLogger<ScheduledCampaigns>.Instance).StartDueAsync();

        // Assert
        Assert.Equal(1, started);
        Assert.Equal([due.Id], planned);
        var stored = (await campaigns.GetAsync(due.Id, default))!;
        Assert.Equal((CampaignStatus.Planning, "schedule-reached"), (stored.Status, stored.History[^1].Action));
        Assert.Equal(CampaignStatus.Scheduled, (await campaigns.GetAsync(later.Id, default))!.Status);
    }

    [Fact]
    public async Task StartDueAsync_CampaignLeftInPlanningLongAgo_QueuesItsPlanningAgain()
    {
        // Arrange: a crash between saving Planning and queueing.
        var stuck = Campaign("storkobenhavn", CampaignStatus.Planning);
        stuck.Record(Now - ScheduledCampaigns.StuckPlanning - TimeSpan.FromMinutes(1), "anna", "send-requested");
        var fresh = Campaign("storkobenhavn", CampaignStatus.Planning);
        fresh.Record(Now.AddMinutes(-1), "anna", "send-requested");
        await campaigns.AddAsync(stuck, default);
        await campaigns.AddAsync(fresh, default);

        // Act
        var started = await new ScheduledCampaigns(campaigns, queue.Object, Clock(), NullLogger<ScheduledCampaigns>.Instance).StartDueAsync();

        // Assert
        Assert.Equal(0, started);
        Assert.Equal([stuck.Id], planned);
    }

    private static Campaign Scheduled(DateTimeOffset at)
    {
        var campaign = Campaign("storkobenhavn", CampaignStatus.Scheduled);
        campaign.ScheduledAt = at;
        return campaign;
    }
}
