using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;

namespace Outreach.Core.Tests.Leaders;

public sealed class ManualRegistrationTests
{
    private readonly Mock<ILeaderRepository> leaders = new(MockBehavior.Strict);
    private readonly Mock<ILetterQueue> queue = new(MockBehavior.Strict);
    private readonly List<(Leader Leader, LeaderEvent Event)> added = [];
    private readonly List<WelcomeWorkItem> queued = [];

    public ManualRegistrationTests()
    {
        leaders.Setup(l => l.ListAsync("storkobenhavn", LeaderFilter.All, It.IsAny<CancellationToken>())).ReturnsAsync([DomainTestData.Leader("known")]);
        leaders.Setup(l => l.AddAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent>(), It.IsAny<CancellationToken>()))
            .Callback((Leader leader, LeaderEvent change, CancellationToken _) => added.Add((leader, change)))
            .Returns(Task.CompletedTask);
        leaders.Setup(l => l.GetAsync("storkobenhavn", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string id, CancellationToken _) => added.Select(a => a.Leader).SingleOrDefault(l => l.LeaderId == id));
        queue.Setup(q => q.EnqueueWelcomesAsync(It.IsAny<IReadOnlyCollection<WelcomeWorkItem>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken _) => queued.AddRange(items))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task RegisterAsync_NewNonMember_StoresAManualLeaderWithAnEventNamingTheStaffMemberAndQueuesTheWelcome()
    {
        // Act
        var view = await Service().RegisterAsync(Tip("Hanne.Odum@Bosted.example", "nej"), "anne.admin");

        // Assert
        var (leader, change) = Assert.Single(added);
        Assert.Equal(LeaderIds.For("storkobenhavn", "manual", "hanne.odum@bosted.example"), leader.LeaderId);
        Assert.Equal(("manual", "hanne.odum@bosted.example", LawfulBasis.LegitimateInterest, LeaderState.Discovered), (leader.Source, leader.SourceId, leader.LawfulBasis, leader.State));
        Assert.Equal(("Hanne Ødum", "Hanne.Odum@Bosted.example", "Tårnby", new DateOnly(2026, 11, 2)), (leader.Name, leader.Email, leader.Municipality, leader.HireDate));
        Assert.Equal("anne.admin", change.Actor);
        Assert.Contains("Tip from the shop steward at Bostedet", change.Reason, StringComparison.Ordinal);
        Assert.Equal([new WelcomeWorkItem("storkobenhavn", leader.LeaderId)], queued);
        Assert.Equal(leader.LeaderId, view.LeaderId);
    }

    [Fact]
    public async Task RegisterAsync_Member_GetsTheMemberRelationshipAsLawfulBasis()
    {
        // Act
        await Service().RegisterAsync(Tip("member@bosted.example", "ja"), "anne.admin");

        // Assert
        Assert.Equal(LawfulBasis.MemberRelationship, Assert.Single(added).Leader.LawfulBasis);
    }

    [Fact]
    public async Task RegisterAsync_AddressTheDistrictKnowsInOtherCase_IsRefusedAsADuplicateAndStoresNothing()
    {
        // Act + Assert
        await Assert.ThrowsAsync<DuplicateLeaderException>(() => Service().RegisterAsync(Tip("KNOWN@institution.example", "nej"), "anne.admin"));
        Assert.Empty(added);
        Assert.Empty(queued);
    }

    [Theory]
    [InlineData("atlantis", "Hanne Ødum", "a@b.example", "nej", "2026-11-02", "note", "district")]
    [InlineData("storkobenhavn", "", "a@b.example", "nej", "2026-11-02", "note", "name")]
    [InlineData("storkobenhavn", "=HYPERLINK(\"x\")", "a@b.example", "nej", "2026-11-02", "note", "name")]
    [InlineData("storkobenhavn", "Hanne Ødum", "not an address", "nej", "2026-11-02", "note", "email")]
    [InlineData("storkobenhavn", "Hanne Ødum", "a@b.example", "maybe", "2026-11-02", "note", "membership")]
    [InlineData("storkobenhavn", "Hanne Ødum", "a@b.example", "nej", "2. november", "note", "hireDate")]
    [InlineData("storkobenhavn", "Hanne Ødum", "a@b.example", "nej", "2026-11-02", " ", "note")]
    public async Task RegisterAsync_ValueTheImportRulesRefuse_IsRefusedNamingTheFieldAndStoresNothing(
        string district, string name, string email, string membership, string hireDate, string note, string field)
    {
        // Arrange
        var tip = new ManualLeader { District = district, Name = name, Email = email, Membership = membership, HireDate = hireDate, Note = note };

        // Act
        var refusal = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().RegisterAsync(tip, "anne.admin"));

        // Assert
        Assert.Equal(field, refusal.Field);
        Assert.Empty(added);
    }

    private static ManualLeader Tip(string email, string membership) => new()
    {
        District = "Storkobenhavn",
        Name = " Hanne Ødum ",
        Email = email,
        JobTitle = "Forstander",
        Workplace = "Bostedet Lærkevej",
        Municipality = "Tårnby",
        HireDate = "02-11-2026",
        Membership = membership,
        Note = "Tip from the shop steward at Bostedet",
    };

    private DiscoveryService Service()
    {
        var districts = DomainTestData.Districts();
        return new DiscoveryService([], new LeaderCsvParser(districts), districts, leaders.Object, queue.Object, DomainTestData.Clock(), NullLogger<DiscoveryService>.Instance);
    }
}
