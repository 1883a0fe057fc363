using Moq;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;

namespace Outreach.Core.Tests.Leaders;

public sealed class FollowUpServiceTests
{
    [Fact]
    public async Task FindDueAsync_NonMemberWelcomedThirtyDaysAgo_IsDueAndMembersAndRecentOnesAreNot()
    {
        // Arrange
        var leaders = new Mock<ILeaderRepository>();
        var due = Welcomed("due", daysAgo: 30, MembershipStatus.NonMember);
        var member = Welcomed("member", daysAgo: 40, MembershipStatus.Member);
        var recent = Welcomed("recent", daysAgo: 29, MembershipStatus.Unknown);
        leaders.Setup(l => l.ListAsync("storkobenhavn", It.Is<LeaderFilter>(f => f.States!.SequenceEqual(new[] { LeaderState.Welcomed, LeaderState.FollowedUp })), It.IsAny<CancellationToken>()))
            .ReturnsAsync([due, member, recent]);
        leaders.Setup(l => l.ListAsync("nordjylland", It.IsAny<LeaderFilter>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var service = new FollowUpService(null!, leaders.Object, DomainTestData.Districts(), DomainTestData.Clock());

        // Act
        var found = await service.FindDueAsync();

        // Assert
        Assert.Equal([new FollowUpWorkItem("storkobenhavn", "due", 1)], found);
    }

    private static Leader Welcomed(string id, int daysAgo, MembershipStatus membership)
    {
        var leader = DomainTestData.Leader(id, LeaderState.Welcomed, membership);
        leader.WelcomedAt = DomainTestData.Now.AddDays(-daysAgo);
        return leader;
    }
}
