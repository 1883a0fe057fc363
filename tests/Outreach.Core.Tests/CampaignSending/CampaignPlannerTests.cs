using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Unsubscribe;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignSending;

public sealed class CampaignPlannerTests
{
    private const string DistrictCode = "storkobenhavn";

    private readonly InMemoryCampaigns campaigns = new();
    private readonly Mock<ILeaderRepository> leaders = new(MockBehavior.Strict);
    private readonly Mock<IRecipientListRepository> lists = new(MockBehavior.Strict);
    private readonly Mock<IMailingExclusions> exclusions = new(MockBehavior.Strict);
    private readonly Mock<ICampaignBatchStore> batches = new(MockBehavior.Strict);
    private readonly Mock<ICampaignWorkQueue> queue = new(MockBehavior.Strict);
    private readonly List<CampaignBatch> frozen = [];
    private readonly List<CampaignBatchWorkItem> queued = [];

    public CampaignPlannerTests()
    {
        batches.Setup(b => b.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        batches.Setup(b => b.FreezeAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<CampaignBatch>>(), It.IsAny<CancellationToken>()))
            .Callback<string, IReadOnlyList<CampaignBatch>, CancellationToken>((_, items, _) => frozen.AddRange(items))
            .Returns(Task.CompletedTask);
        queue.Setup(q => q.EnqueueBatchesAsync(It.IsAny<IReadOnlyCollection<CampaignBatchWorkItem>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyCollection<CampaignBatchWorkItem>, CancellationToken>((items, _) => queued.AddRange(items))
            .Returns(Task.CompletedTask);
        exclusions.Setup(e => e.LoadAsync(It.IsAny<OptOutCategory>(), It.IsAny<CancellationToken>())).ReturnsAsync(MailingExclusionSet.None);
        lists.Setup(l => l.ReadEntriesAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Async(Array.Empty<RecipientListEntry>()));
    }

    [Fact]
    public async Task PlanAsync_LeaderAndListRowWithTheSameAddress_FreezesItOnceAsTheLeader()
    {
        // Arrange: one leader, and a list holding the same address in other case plus someone new.
        var leader = Leader(DistrictCode, 1);
        GivenLeaders(leader);
        lists.Setup(l => l.ReadEntriesAsync("list-1", It.IsAny<CancellationToken>())).Returns(Async(new[]
        {
            new RecipientListEntry(EmailAddresses.Hash(leader.Email), leader.Email.ToUpperInvariant(), "Listenavn", null, "Kandidat", 2),
            new RecipientListEntry(EmailAddresses.Hash("kandidat@parti.example"), "kandidat@parti.example", "Kandidat Ås", "Dragør", "Kandidat", 3),
            new RecipientListEntry(EmailAddresses.Hash("kandidat@parti.example"), " Kandidat@Parti.example", "Kandidat Ås igen", "Dragør", "Kandidat", 4),
        }));
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning, listIds: ["list-1"]));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        var recipients = frozen.SelectMany(b => b.Recipients).ToList();
        Assert.Equal(2, recipients.Count);
        var asLeader = Assert.Single(recipients, r => r.Key == EmailAddresses.Hash(leader.Email));
        Assert.Equal((leader.LeaderId, leader.Name), (asLeader.LeaderId, asLeader.Name));
        Assert.Equal(new CampaignCounts(2, 0, 0, 0, 0), (await campaigns.GetAsync(campaign.Id, default))!.PlanningCounts);
    }

    [Fact]
    public async Task PlanAsync_SixListsNamingOneAddressWhereTheFirstListAnswersLast_FreezesItAsTheFirstListHasIt()
    {
        // Arrange: the first list's read is the slowest; list 5 has the same address under another name.
        GivenLeaders();
        var slowFirstList = new TaskCompletionSource();
        RecipientListEntry Entry(string email, string name, int line) => new(EmailAddresses.Hash(email), email, name, null, "Kandidat", line);
        lists.Setup(l => l.ReadEntriesAsync("list-1", It.IsAny<CancellationToken>())).Returns(Held(slowFirstList.Task, Entry("fælles@parti.example", "Fra liste 1", 2)));
        for (var number = 2; number <= 6; number++)
        {
            var listId = "list-" + number;
            var row = number == 5 ? Entry("Fælles@Parti.example", "Fra liste 5", 2) : Entry($"kandidat{number}@parti.example", "Kandidat " + number, 2);
            lists.Setup(l => l.ReadEntriesAsync(listId, It.IsAny<CancellationToken>())).Returns(Async(new[] { row }));
        }

        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning, listIds: ["list-1", "list-2", "list-3", "list-4", "list-5", "list-6"]));

        // Act
        var planning = Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));
        slowFirstList.SetResult();
        await planning;

        // Assert
        var recipients = frozen.SelectMany(b => b.Recipients).ToList();
        Assert.Equal(5, recipients.Count);
        Assert.Equal("Fra liste 1", Assert.Single(recipients, r => r.Key == EmailAddresses.Hash("fælles@parti.example")).Name);
    }

    [Fact]
    public async Task PlanAsync_SuppressedAndOptedOutAddresses_LeavesThemOutAndCountsThem()
    {
        // Arrange
        var all = Enumerable.Range(1, 5).Select(i => Leader(DistrictCode, i)).ToArray();
        GivenLeaders(all);
        exclusions.Setup(e => e.LoadAsync(OptOutCategory.Campaigns, It.IsAny<CancellationToken>())).ReturnsAsync(Excluding(all[0].Email, all[3].Email));
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        Assert.Equal([all[1].Email, all[2].Email, all[4].Email], frozen.SelectMany(b => b.Recipients).Select(r => r.Email).Order());
        var stored = (await campaigns.GetAsync(campaign.Id, default))!;
        Assert.Equal(new CampaignCounts(5, 0, 0, 2, 0), stored.PlanningCounts);
    }

    [Fact]
    public async Task PlanAsync_AddressOptedOutOfCampaigns_IsInTheNewslettersAudienceButNotTheCampaigns()
    {
        // Arrange: the exclusions of each category as the port answers them.
        var leader = Leader(DistrictCode, 1);
        GivenLeaders(leader);
        exclusions.Setup(e => e.LoadAsync(OptOutCategory.Campaigns, It.IsAny<CancellationToken>())).ReturnsAsync(Excluding(leader.Email));
        exclusions.Setup(e => e.LoadAsync(OptOutCategory.Newsletter, It.IsAny<CancellationToken>())).ReturnsAsync(MailingExclusionSet.None);
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning, OptOutCategory.Campaigns));
        var newsletter = await Given(Campaign(DistrictCode, CampaignStatus.Planning, OptOutCategory.Newsletter));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));
        await Planner().PlanAsync(new CampaignPlanWorkItem(newsletter.Id));

        // Assert
        Assert.DoesNotContain(frozen, b => b.CampaignId == campaign.Id);
        Assert.Equal(leader.Email, Assert.Single(Assert.Single(frozen, b => b.CampaignId == newsletter.Id).Recipients).Email);
        Assert.Equal(CampaignStatus.Sent, (await campaigns.GetAsync(campaign.Id, default))!.Status);
    }

    [Fact]
    public async Task PlanAsync_Segment_MatchesMunicipalityIgnoringCaseMembershipStatesAndHirePeriod()
    {
        // Arrange
        var inside = Leader(DistrictCode, 1, municipality: "tårnby", membership: MembershipStatus.NonMember);
        var otherMunicipality = Leader(DistrictCode, 2, municipality: "Dragør", membership: MembershipStatus.NonMember);
        var member = Leader(DistrictCode, 3, membership: MembershipStatus.Member);
        var optedOutState = Leader(DistrictCode, 4, membership: MembershipStatus.NonMember, state: LeaderState.OptedOut);
        var hiredLate = Leader(DistrictCode, 5, membership: MembershipStatus.NonMember);
        hiredLate.HireDate = new DateOnly(2027, 1, 1);
        var noHireDate = Leader(DistrictCode, 6, membership: MembershipStatus.NonMember);
        noHireDate.HireDate = null;
        GivenLeaders(inside, otherMunicipality, member, optedOutState, hiredLate, noHireDate);
        var segment = new LeaderSegment
        {
            Municipalities = ["TÅRNBY"],
            Membership = [MembershipStatus.NonMember],
            States = [LeaderState.Welcomed, LeaderState.FollowedUp],
            HiredFrom = new DateOnly(2026, 1, 1),
            HiredTo = new DateOnly(2026, 12, 31),
        };
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning, segment: segment));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        Assert.Equal(inside.LeaderId, Assert.Single(frozen.SelectMany(b => b.Recipients)).LeaderId);
    }

    [Fact]
    public async Task PlanAsync_2500Recipients_FreezesThreeNumberedBatchesQueuesThemAndMovesTheCampaignToSending()
    {
        // Arrange
        GivenLeaders(Enumerable.Range(1, 2500).Select(i => Leader(DistrictCode, i)).ToArray());
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        Assert.Equal([0, 1, 2], frozen.Select(b => b.Number));
        Assert.Equal([1000, 1000, 500], frozen.Select(b => b.Recipients.Count));
        Assert.All(frozen, b => Assert.Equal((CampaignBatchStatus.Planned, CampaignVariant.All), (b.Status, b.Variant)));
        Assert.Equal(2500, frozen.SelectMany(b => b.Recipients).Select(r => r.Key).Distinct().Count());
        Assert.Equal(frozen.Select(b => new CampaignBatchWorkItem(campaign.Id, b.Number)), queued);
        var stored = (await campaigns.GetAsync(campaign.Id, default))!;
        Assert.Equal((CampaignStatus.Sending, 3, Now), (stored.Status, stored.BatchCount, stored.SendingStartedAt));
        Assert.Equal(new CampaignCounts(2500, 0, 0, 0, 0), stored.PlanningCounts);
        Assert.Equal("planned", stored.History[^1].Action);
    }

    [Fact]
    public async Task PlanAsync_SectionsForMembersAndNonMembers_BatchesEachVariantApart()
    {
        // Arrange
        var members = Enumerable.Range(1, 3).Select(i => Leader(DistrictCode, i, membership: MembershipStatus.Member));
        var nonMembers = Enumerable.Range(4, 2).Select(i => Leader(DistrictCode, i, membership: MembershipStatus.NonMember));
        GivenLeaders(members.Concat(nonMembers).ToArray());
        var content = new CampaignContent
        {
            Subject = "Nyhedsbrev",
            Title = "Nyhedsbrev",
            Sections = [new ContentSection("Alle", "x"), new ContentSection("Bliv medlem", "y", SectionAudience.NonMembers)],
        };
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning, OptOutCategory.Newsletter, content: content));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        Assert.Equal([(CampaignVariant.Members, 3), (CampaignVariant.NonMembers, 2)], frozen.Select(b => (b.Variant, b.Recipients.Count)));
    }

    [Fact]
    public async Task PlanAsync_NoRecipients_MarksTheCampaignSentAtOnceAndQueuesNothing()
    {
        // Arrange
        GivenLeaders();
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        var stored = (await campaigns.GetAsync(campaign.Id, default))!;
        Assert.Equal((CampaignStatus.Sent, 0, Now), (stored.Status, stored.BatchCount, stored.CompletedAt));
        Assert.Empty(queued);
        batches.Verify(b => b.FreezeAsync(campaign.Id, It.Is<IReadOnlyList<CampaignBatch>>(l => l.Count == 0), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task PlanAsync_CancelledCampaign_FreezesAndQueuesNothing()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Cancelled));

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        batches.Verify(b => b.FreezeAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<CampaignBatch>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(queued);
    }

    [Fact]
    public async Task PlanAsync_SendingAfterACrash_QueuesEveryBatchWithoutAnOutcomeAgainAndFreezesNothing()
    {
        // Arrange: the planning finished and crashed before (or after) queueing.
        var campaign = Campaign(DistrictCode, CampaignStatus.Sending);
        campaign.BatchCount = 4;
        await Given(campaign);
        batches.Setup(b => b.ListAsync(campaign.Id, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Batch(campaign, 0, [], CampaignBatchStatus.Sent),
            Batch(campaign, 1, [], CampaignBatchStatus.Planned),
            Batch(campaign, 2, [], CampaignBatchStatus.Sending),
            Batch(campaign, 3, [], CampaignBatchStatus.OutcomeUnknown),
        ]);

        // Act
        await Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert
        Assert.Equal([1, 2], queued.Select(i => i.BatchNumber));
        batches.Verify(b => b.FreezeAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<CampaignBatch>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task PlanAsync_LeftoverBatchAlreadyClaimed_DoesNotReplaceTheBatchesOfAFinishedPlanning()
    {
        // Arrange: the stored campaign still says Planning (the copy is stale), but a batch is being sent.
        GivenLeaders(Leader(DistrictCode, 1));
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Planning));
        batches.Setup(b => b.ListAsync(campaign.Id, It.IsAny<CancellationToken>())).ReturnsAsync([Batch(campaign, 0, [], CampaignBatchStatus.Sending)]);

        // Act / Assert
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Planner().PlanAsync(new CampaignPlanWorkItem(campaign.Id)));
        batches.Verify(b => b.FreezeAsync(It.IsAny<string>(), It.IsAny<IReadOnlyList<CampaignBatch>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private async Task<Campaign> Given(Campaign campaign)
    {
        await campaigns.AddAsync(campaign, default);
        return campaign;
    }

    private static async IAsyncEnumerable<RecipientListEntry> Held(Task release, params RecipientListEntry[] entries)
    {
        await release;
        foreach (var entry in entries)
        {
            yield return entry;
        }
    }

    private void GivenLeaders(params Leader[] all) =>
        leaders.Setup(l => l.StreamAsync(DistrictCode, It.IsAny<LeaderFilter>(), It.IsAny<CancellationToken>()))
            .Returns<string, LeaderFilter, CancellationToken>((_, filter, _) => Async(all.Where(l => filter.States is null || filter.States.Contains(l.State))));

    private CampaignPlanner Planner()
    {
        var clock = Clock();
        return new CampaignPlanner(
            campaigns, leaders.Object, lists.Object, exclusions.Object, batches.Object, queue.Object,
            new CampaignCompletion(campaigns, batches.Object, clock, NullLogger<CampaignCompletion>.Instance),
            clock, NullLogger<CampaignPlanner>.Instance);
    }
}
