using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.OptOuts;
using Outreach.Core.Privacy;
using Outreach.Core.RecipientLists;
using Outreach.Core.Suppressions;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Privacy;

/// <summary>Export, erasure and the retention sweep against their ports; the leaders live in a list the mock reads.</summary>
public sealed class PrivacyServiceTests
{
    private readonly List<Leader> stored = [];
    private readonly Mock<ILeaderRepository> leaders = new();
    private readonly Mock<IDeliveryRepository> deliveries = new();
    private readonly Mock<ISuppressionList> suppressions = new();
    private readonly Mock<IOptOutRepository> optOuts = new();
    private readonly Mock<IRecipientListRepository> recipientLists = new();
    private readonly Mock<ICampaignBatchStore> campaignBatches = new();
    private readonly Mock<ICampaignDeliveryErasure> campaignDeliveries = new();
    private readonly Mock<IPrivacyAuditLog> audit = new();
    private readonly List<string> calls = [];
    private readonly FakeTimeProvider clock = DomainTestData.Clock();

    public PrivacyServiceTests()
    {
        leaders.Setup(l => l.ListAsync(It.IsAny<string>(), It.IsAny<LeaderFilter>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string district, LeaderFilter filter, CancellationToken _) =>
                [.. stored.Where(leader => leader.District == district
                    && (filter.EmailHash is null || leader.EmailHash == filter.EmailHash)
                    && (filter.States is null || filter.States.Contains(leader.State)))]);
        leaders.Setup(l => l.DeleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string district, string id, CancellationToken _) => calls.Add("leader " + district + "/" + id))
            .ReturnsAsync(2);
        leaders.Setup(l => l.GetEventsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([LeaderEvent.Restore(DomainTestData.Now, null, LeaderState.Discovered, "discovery", "found in file")]);
        deliveries.Setup(d => d.ListForLeaderAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        deliveries.Setup(d => d.DeleteAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, string kind, CancellationToken _) => calls.Add("delivery " + kind + ":" + id))
            .ReturnsAsync(true);
        suppressions.Setup(s => s.SuppressErasedAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string email, string _, CancellationToken _) => calls.Add("erased-suppression " + email))
            .Returns(Task.CompletedTask);
        optOuts.Setup(o => o.ListAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        recipientLists.Setup(r => r.ListIdsHoldingAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        recipientLists.Setup(r => r.DeleteEntryAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string listId, string key, CancellationToken _) => calls.Add("list-row " + listId + "/" + key))
            .ReturnsAsync(true);
        campaignBatches.Setup(b => b.ListForRecipientAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        campaignDeliveries.Setup(b => b.DeleteDeliveryAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string campaignId, int number, string key, CancellationToken _) => calls.Add($"campaign-delivery {campaignId}/{number}/{key}"))
            .ReturnsAsync(true);
    }

    [Fact]
    public async Task EraseAsync_PersonInTwoDistricts_SuppressesByKeyedHashFirstThenDeletesEveryRow()
    {
        // Arrange
        stored.Add(DomainTestData.Leader("hanne", LeaderState.Welcomed));
        stored.Add(DomainTestData.Leader("hanne", LeaderState.Discovered, district: "nordjylland"));
        stored.Add(DomainTestData.Leader("other", LeaderState.Welcomed));
        deliveries.Setup(d => d.ListForLeaderAsync("hanne", It.IsAny<CancellationToken>()))
            .ReturnsAsync([Letter("hanne", "welcome", "storkobenhavn"), Letter("hanne", "welcome", "nordjylland")]);
        optOuts.Setup(o => o.ListAsync(Core.Email.EmailAddresses.Hash("hanne@institution.example"), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new OptOutRecord(OptOutCategory.All, "storkobenhavn", DomainTestData.Now)]);
        optOuts.Setup(o => o.DeleteAsync(It.IsAny<string>(), OptOutCategory.All, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        suppressions.Setup(s => s.RemoveAsync("hanne@institution.example", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        // Act
        var counts = await Service().EraseAsync(" Hanne@Institution.Example ", "anne.admin");

        // Assert
        Assert.Equal(new ErasureCounts(Leaders: 2, LeaderEvents: 4, Deliveries: 2, OptOuts: 1, Suppressions: 1, ListEntries: 0, CampaignDeliveries: 0), counts);
        Assert.Equal("erased-suppression hanne@institution.example", calls[0]);
        Assert.Contains("leader storkobenhavn/hanne", calls);
        Assert.Contains("leader nordjylland/hanne", calls);
        Assert.DoesNotContain(calls, call => call.Contains("other", StringComparison.Ordinal));
        audit.Verify(a => a.RecordAsync(It.Is<PrivacyAuditEntry>(e => e.Kind == "erasure" && e.Actor == "anne.admin" && e.People == 1 && e.Counts == counts), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task EraseAsync_NothingHeld_AnswersZeroCountsStillSuppressesAndRecordsNoPerson()
    {
        // Act
        var counts = await Service().EraseAsync("nobody@example.org", "anne.admin");

        // Assert
        Assert.True(counts.IsEmpty);
        Assert.Equal(["erased-suppression nobody@example.org"], calls);
        audit.Verify(a => a.RecordAsync(It.Is<PrivacyAuditEntry>(e => e.People == 0 && e.Counts.IsEmpty), It.IsAny<CancellationToken>()));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("Hanne <h@example.org>")]
    public async Task EraseAsync_NotAnAddress_ThrowsNamingEmailAndTouchesNothing(string email)
    {
        // Act
        var refusal = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().EraseAsync(email, "anne.admin"));

        // Assert
        Assert.Equal("email", refusal.Field);
        Assert.Empty(calls);
        audit.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ExportAsync_NothingHeld_ReturnsNull()
    {
        // Act
        var export = await Service().ExportAsync("nobody@example.org");

        // Assert
        Assert.Null(export);
    }

    [Fact]
    public async Task ExportAsync_LeaderWithLettersOptOutAndSuppression_HoldsEveryPartWithSourceAndLawfulBasis()
    {
        // Arrange
        stored.Add(DomainTestData.Leader("hanne", LeaderState.Welcomed));
        deliveries.Setup(d => d.ListForLeaderAsync("hanne", It.IsAny<CancellationToken>())).ReturnsAsync([Letter("hanne", "welcome", "storkobenhavn")]);
        optOuts.Setup(o => o.ListAsync(Core.Email.EmailAddresses.Hash("hanne@institution.example"), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new OptOutRecord(OptOutCategory.Outreach, "storkobenhavn", DomainTestData.Now)]);
        suppressions.Setup(s => s.GetAsync("hanne@institution.example", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SuppressionEntry("hash", "hanne@institution.example", "bounce", "sendgrid", DomainTestData.Now));

        // Act
        var export = await Service().ExportAsync("hanne@institution.example");

        // Assert
        var record = Assert.Single(export!.Leaders);
        Assert.Equal(("file", LawfulBasis.LegitimateInterest, "hanne"), (record.Leader.Source, record.Leader.LawfulBasis, record.SourceId));
        Assert.Single(record.Events);
        Assert.Equal("welcome", Assert.Single(record.Deliveries).Kind);
        Assert.Equal(OptOutCategory.Outreach, Assert.Single(export.OptOuts).Category);
        Assert.Equal("bounce", export.Suppression!.Reason);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task ExportAsync_OnlyOnAListAndInACampaign_HoldsTheListRowWithItsListAndTheDeliveries()
    {
        // Arrange: not a leader anywhere; on one list (and a row left by an interrupted upload) and mailed twice.
        var key = EmailAddresses.Hash("kandidat@example.org");
        recipientLists.Setup(r => r.ListIdsHoldingAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(["l-1", "l-orphan"]);
        recipientLists.Setup(r => r.FindEntryAsync("l-1", key, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RecipientListEntry(key, "Kandidat@Example.org", "Karen Kandidat", "Tårnby", "Kandidat", 7));
        recipientLists.Setup(r => r.GetAsync("l-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RecipientList("l-1", "Kandidater 2027", 40, "anna", DomainTestData.Now));
        recipientLists.Setup(r => r.FindEntryAsync("l-orphan", key, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RecipientListEntry(key, "kandidat@example.org", "Karen K.", null, null, 2));
        campaignBatches.Setup(b => b.ListForRecipientAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Mail("c-later", 3, CampaignDeliveryStatus.OutcomeUnknown, DomainTestData.Now.AddDays(2)),
            Mail("c-first", 0, CampaignDeliveryStatus.Sent, DomainTestData.Now),
        ]);

        // Act
        var export = await Service().ExportAsync("kandidat@example.org");

        // Assert
        Assert.NotNull(export);
        Assert.Empty(export.Leaders);
        Assert.Equal(
            [
                new RecipientListEntryExport("l-1", "Kandidater 2027", "Kandidat@Example.org", "Karen Kandidat", "Tårnby", "Kandidat"),
                new RecipientListEntryExport("l-orphan", null, "kandidat@example.org", "Karen K.", null, null),
            ],
            export.ListEntries);
        Assert.Equal(
            [
                new CampaignDeliveryExport("c-first", 0, "Sent", DomainTestData.Now),
                new CampaignDeliveryExport("c-later", 3, "OutcomeUnknown", DomainTestData.Now.AddDays(2)),
            ],
            export.CampaignDeliveries);
        Assert.Empty(calls);
    }

    [Fact]
    public async Task EraseAsync_OnTwoListsAndInTwoBatches_DeletesEachRowAfterTheKeyedHashAndCountsThemPerTable()
    {
        // Arrange: one list still holds the row, the other lost it to a concurrent delete of the list.
        var key = EmailAddresses.Hash("kandidat@example.org");
        recipientLists.Setup(r => r.ListIdsHoldingAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(["l-1", "l-2"]);
        recipientLists.Setup(r => r.DeleteEntryAsync("l-2", key, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        campaignBatches.Setup(b => b.ListForRecipientAsync(key, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Mail("c-1", 0, CampaignDeliveryStatus.Sent, DomainTestData.Now),
            Mail("newsletter-storkobenhavn-2026-12", 4, CampaignDeliveryStatus.Suppressed, DomainTestData.Now),
        ]);

        // Act
        var counts = await Service().EraseAsync("Kandidat@Example.org", "anne.admin");

        // Assert
        Assert.Equal(new ErasureCounts(0, 0, 0, 0, 0, ListEntries: 1, CampaignDeliveries: 2), counts);
        Assert.Equal(
            [
                "erased-suppression kandidat@example.org",
                "list-row l-1/" + key,
                "campaign-delivery c-1/0/" + key,
                "campaign-delivery newsletter-storkobenhavn-2026-12/4/" + key,
            ],
            calls);
        recipientLists.Verify(r => r.DeleteEntryAsync("l-2", key, It.IsAny<CancellationToken>()));
        audit.Verify(a => a.RecordAsync(It.Is<PrivacyAuditEntry>(e => e.People == 1 && e.Counts == counts), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task SweepAsync_MixedLeaders_ErasesOnlyTheOldNonMemberWhoNeverAnswered()
    {
        // Arrange: 24 months of retention; the clock two years and a day after the old ones' last letter.
        clock.SetUtcNow(DomainTestData.Now);
        var old = DomainTestData.Now.AddMonths(-24).AddDays(-1);
        stored.Add(Aged(DomainTestData.Leader("member", LeaderState.Welcomed, MembershipStatus.Member), old));
        stored.Add(Aged(DomainTestData.Leader("recent", LeaderState.FollowedUp), DomainTestData.Now.AddMonths(-23)));
        stored.Add(Aged(DomainTestData.Leader("oldnon", LeaderState.FollowedUp), old));
        stored.Add(Aged(DomainTestData.Leader("declined", LeaderState.Declined), old));

        // Act
        var report = await Service().SweepAsync();

        // Assert
        Assert.Equal(1, report.People);
        Assert.Equal(["erased-suppression oldnon@institution.example", "leader storkobenhavn/oldnon"], calls);
        audit.Verify(a => a.RecordAsync(It.Is<PrivacyAuditEntry>(e => e.Kind == "retention" && e.People == 1 && e.Counts.Leaders == 1), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task SweepAsync_OldNonMemberKnownAsMemberInAnotherDistrict_ErasesNothing()
    {
        // Arrange
        var old = DomainTestData.Now.AddMonths(-30);
        stored.Add(Aged(DomainTestData.Leader("both", LeaderState.Welcomed), old));
        stored.Add(Aged(DomainTestData.Leader("both", LeaderState.Joined, MembershipStatus.Member, "nordjylland"), old));

        // Act
        var report = await Service().SweepAsync();

        // Assert
        Assert.Equal(0, report.People);
        Assert.Empty(calls);
    }

    private static Leader Aged(Leader leader, DateTimeOffset lastActivity)
    {
        leader.DiscoveredAt = lastActivity.AddDays(-10);
        leader.WelcomedAt = leader.State == LeaderState.Discovered ? null : lastActivity;
        return leader;
    }

    private static Delivery Letter(string leaderId, string kind, string district) => new()
    {
        LeaderId = leaderId,
        Kind = kind,
        District = district,
        Status = DeliveryStatus.Sent,
        ClaimedAt = DomainTestData.Now,
        SentAt = DomainTestData.Now,
        ProviderStatus = "delivered",
    };

    private static CampaignDelivery Mail(string campaignId, int batch, CampaignDeliveryStatus status, DateTimeOffset at) => new()
    {
        CampaignId = campaignId,
        BatchNumber = batch,
        RecipientKey = EmailAddresses.Hash("kandidat@example.org"),
        Status = status,
        At = at,
        ProviderMessageId = "msg-1",
    };

    private PrivacyService Service() => new(
        leaders.Object,
        deliveries.Object,
        suppressions.Object,
        optOuts.Object,
        recipientLists.Object,
        campaignBatches.Object,
        campaignDeliveries.Object,
        audit.Object,
        DomainTestData.Districts(),
        Options.Create(new RetentionOptions { Months = 24 }),
        clock,
        NullLogger<PrivacyService>.Instance);
}
