using System.Text;
using Moq;
using Outreach.Core.Discovery;
using Outreach.Core.Imports;
using Outreach.Core.Leaders;
using Outreach.Core.Membership;

namespace Outreach.Core.Tests.Leaders;

public sealed class MembershipServiceTests
{
    private readonly Mock<ILeaderRepository> leaders = new();

    [Fact]
    public async Task RecordDecisionAsync_ReasonLongerThanTheHistoryKeeps_ThrowsNamingTheFieldAndTouchesNothing()
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() =>
            Service().RecordDecisionAsync(new StaffDecision("storkobenhavn", "l1", LeaderState.Declined, "anna", new string('x', 100_000))));

        // Assert
        Assert.Equal("reason", refused.Field);
        leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RecordDecisionAsync_DistrictInAnotherCase_DeclinesTheLeaderWithItsEventInOneWrite()
    {
        // Arrange
        var leader = DomainTestData.Leader("l1", LeaderState.Welcomed);
        leaders.Setup(l => l.GetAsync("storkobenhavn", "l1", It.IsAny<CancellationToken>())).ReturnsAsync(leader);

        // Act
        var view = await Service().RecordDecisionAsync(new StaffDecision("Storkobenhavn", "l1", LeaderState.Declined, "anna", "Sagde nej tak"));

        // Assert
        Assert.Equal(LeaderState.Declined, view!.State);
        leaders.Verify(l => l.UpdateAsync(leader, It.Is<LeaderEvent>(e => e.Actor == "anna" && e.Reason == "Sagde nej tak" && e.To == LeaderState.Declined), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ImportAsync_JoinedOnInTheFuture_RefusesTheFileAndWritesNothing()
    {
        // Act
        var report = await Service().ImportAsync(Csv("district,email,joinedOn\nstorkobenhavn,l1@institution.example,2026-12-04\n"), ImportMode.AllOrNothing, "anna");

        // Assert
        Assert.True(report.Rejected);
        Assert.Contains("future", Assert.Single(report.Problems).Reason, StringComparison.Ordinal);
        leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ImportAsync_LongStandingMemberAndAJoinAfterTheWelcome_CreditsOnlyTheJoinAfterTheWelcome()
    {
        // Arrange: both were welcomed on 1 December; one joined in 2019, one on 2 December; one gives no date.
        var longStanding = Welcomed("old");
        var convert = Welcomed("new");
        var undated = Welcomed("undated");
        leaders.Setup(l => l.ListAsync("storkobenhavn", LeaderFilter.All, It.IsAny<CancellationToken>())).ReturnsAsync([longStanding, convert, undated]);

        // Act
        var report = await Service().ImportAsync(
            Csv("district,email,joinedOn\nstorkobenhavn,old@institution.example,2019-03-01\nstorkobenhavn,new@institution.example,2026-12-02\nstorkobenhavn,undated@institution.example,\n"),
            ImportMode.AllOrNothing,
            "anna");

        // Assert
        Assert.Equal((3, 1), (report.Joined, report.Credited));
        Assert.Equal((false, true, false), (longStanding.JoinCreditedToOutreach, convert.JoinCreditedToOutreach, undated.JoinCreditedToOutreach));
        Assert.All([longStanding, convert, undated], leader => Assert.Equal(LeaderState.Joined, leader.State));
        leaders.Verify(l => l.UpdateAsync(It.IsAny<Leader>(), It.Is<LeaderEvent>(e => e.To == LeaderState.Joined), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    private static Leader Welcomed(string id)
    {
        var leader = DomainTestData.Leader(id, LeaderState.Welcomed);
        leader.WelcomedAt = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        return leader;
    }

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    private MembershipService Service()
    {
        var districts = DomainTestData.Districts();
        return new(leaders.Object, districts, new MembershipCsvParser(districts), DomainTestData.Clock());
    }
}
