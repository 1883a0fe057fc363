using Moq;
using Outreach.Core.Leaders;

namespace Outreach.Core.Tests.Leaders;

public sealed class LeaderQueriesTests
{
    private readonly Mock<ILeaderRepository> leaders = new();

    [Fact]
    public async Task ListAsync_DistrictAsStaffTypeIt_QueriesTheDistrictsCode()
    {
        // Arrange
        leaders.Setup(l => l.ListAsync("storkobenhavn", It.Is<LeaderFilter>(f => f.States!.Single() == LeaderState.Welcomed), It.IsAny<CancellationToken>()))
            .ReturnsAsync([DomainTestData.Leader("l1", LeaderState.Welcomed)]);

        // Act
        var found = await Queries().ListAsync(new LeaderQuery { District = "Storkobenhavn", State = LeaderState.Welcomed });

        // Assert
        Assert.Equal("l1", Assert.Single(found).LeaderId);
    }

    [Fact]
    public async Task ListAsync_UnknownDistrict_AnswersNoLeadersWithoutReadingStorage()
    {
        Assert.Empty(await Queries().ListAsync(new LeaderQuery { District = "atlantis" }));
        leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetFunnelAsync_JoinedLeaders_CountsEveryJoinAndApartThoseCreditedToTheOutreach()
    {
        // Arrange
        var credited = DomainTestData.Leader("credited", LeaderState.Joined);
        credited.WelcomedAt = DomainTestData.Now;
        credited.JoinCreditedToOutreach = true;
        var member = DomainTestData.Leader("member", LeaderState.Joined);
        member.WelcomedAt = DomainTestData.Now;
        leaders.Setup(l => l.ListAsync("storkobenhavn", LeaderFilter.All, It.IsAny<CancellationToken>()))
            .ReturnsAsync([credited, member, DomainTestData.Leader("new")]);

        // Act
        var funnel = await Queries().GetFunnelAsync("STORKOBENHAVN");

        // Assert
        var row = Assert.Single(funnel.Rows);
        Assert.Equal(("storkobenhavn", "2026-11", "Tårnby"), (funnel.District, row.HiringMonth, row.Municipality));
        Assert.Equal((3, 2, 0, 2, 1), (row.Discovered, row.Welcomed, row.FollowedUp, row.Joined, row.JoinedAfterLetter));
    }

    private LeaderQueries Queries() => new(leaders.Object, DomainTestData.Districts());
}
