using Azure.Data.Tables;
using Outreach.Core.Discovery;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class TableLeaderRepositoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private readonly TableServiceClient tables;
    private readonly TableLeaderRepository repository;

    public TableLeaderRepositoryTests(AzuriteFixture azurite)
    {
        tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.LeadersTable);
        repository = new TableLeaderRepository(tables);
    }

    [Fact]
    public async Task AddAsync_NewLeader_StoresItWithItsFirstEventAndListsNoEventRows()
    {
        // Arrange
        var leader = NewLeader();

        // Act
        await repository.AddAsync(leader, Discovered(), CancellationToken.None);

        // Assert
        var stored = await repository.GetAsync(leader.District, leader.LeaderId, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((leader.Name, new DateOnly(2026, 11, 1), MembershipStatus.NonMember, LeaderState.Discovered), (stored.Name, stored.HireDate, stored.Membership, stored.State));
        var history = Assert.Single(await repository.GetEventsAsync(leader.District, leader.LeaderId, CancellationToken.None));
        Assert.Equal((null, LeaderState.Discovered, "discovery"), (history.From, history.To, history.Actor));
        var listed = Assert.Single(await repository.ListAsync(leader.District, LeaderFilter.All, CancellationToken.None));
        Assert.Equal(leader.LeaderId, listed.LeaderId);
    }

    [Fact]
    public async Task AddAsync_SameLeaderTwice_ThrowsDuplicateLeaderAndKeepsOneEvent()
    {
        // Arrange
        var leader = NewLeader();
        await repository.AddAsync(leader, Discovered(), CancellationToken.None);

        // Act / Assert
        await Assert.ThrowsAsync<DuplicateLeaderException>(() => repository.AddAsync(NewLeader(leader.District, leader.LeaderId), Discovered(), CancellationToken.None));
        Assert.Single(await repository.GetEventsAsync(leader.District, leader.LeaderId, CancellationToken.None));
    }

    [Fact]
    public async Task UpdateAsync_StaleCopy_ThrowsConcurrencyConflictAndWritesNeitherStateNorEvent()
    {
        // Arrange: two workers read the same leader; the first moves it on.
        var leader = NewLeader();
        await repository.AddAsync(leader, Discovered(), CancellationToken.None);
        var first = (await repository.GetAsync(leader.District, leader.LeaderId, CancellationToken.None))!;
        var second = (await repository.GetAsync(leader.District, leader.LeaderId, CancellationToken.None))!;
        await repository.UpdateAsync(first, first.MoveTo(LeaderState.Welcomed, "system", "Welcome sent", Now), CancellationToken.None);

        // Act
        var change = second.MoveTo(LeaderState.Declined, "anna", "Sagde nej", Now);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateAsync(second, change, CancellationToken.None));

        // Assert
        Assert.Equal(LeaderState.Welcomed, (await repository.GetAsync(leader.District, leader.LeaderId, CancellationToken.None))!.State);
        Assert.Equal([LeaderState.Discovered, LeaderState.Welcomed], (await repository.GetEventsAsync(leader.District, leader.LeaderId, CancellationToken.None)).Select(e => e.To));
    }

    [Fact]
    public async Task AddAsync_ThenUpdateAsyncOfTheSameCopy_WritesWithTheVersionTheTransactionReturned()
    {
        // Arrange: the copy discovery keeps after adding; somebody else then changes the stored leader.
        var leader = NewLeader();
        await repository.AddAsync(leader, Discovered(), CancellationToken.None);
        var kept = leader.Version;
        leader.Name = "Søren Ærø Hansen";
        await repository.UpdateAsync(leader, null, CancellationToken.None);
        var stale = NewLeader(leader.District, leader.LeaderId);
        stale.Version = kept;

        // Act / Assert
        Assert.False(string.IsNullOrEmpty(kept));
        Assert.NotEqual(kept, leader.Version);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateAsync(stale, null, CancellationToken.None));
        Assert.Equal("Søren Ærø Hansen", (await repository.GetAsync(leader.District, leader.LeaderId, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_EventOverTheStringLimit_IsRefusedBeforeAnythingIsWritten()
    {
        // Arrange: a reason that skipped the domain's own limit (Azurite would store up to its 32 K characters too).
        var leader = NewLeader();
        await repository.AddAsync(leader, Discovered(), CancellationToken.None);
        var change = LeaderEvent.Restore(Now, LeaderState.Discovered, LeaderState.Declined, "anna", new string('x', StorageLimits.MaxStringCharacters + 1));
        leader.State = LeaderState.Declined;

        // Act / Assert
        await Assert.ThrowsAsync<StorageLimitException>(() => repository.UpdateAsync(leader, change, CancellationToken.None));
        Assert.Equal(LeaderState.Discovered, (await repository.GetAsync(leader.District, leader.LeaderId, CancellationToken.None))!.State);
        Assert.Single(await repository.GetEventsAsync(leader.District, leader.LeaderId, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_StatesMunicipalityAndEmailHash_ReturnOnlyTheMatchingLeaders()
    {
        // Arrange
        var district = AzuriteFixture.UniqueName("d");
        var welcomed = NewLeader(district);
        welcomed.Municipality = "Tårnby";
        var other = NewLeader(district);
        other.Municipality = "Dragør";
        await repository.AddAsync(welcomed, Discovered(), CancellationToken.None);
        await repository.AddAsync(other, Discovered(), CancellationToken.None);
        await repository.UpdateAsync(welcomed, welcomed.MoveTo(LeaderState.Welcomed, "system", "Welcome sent", Now), CancellationToken.None);

        // Act
        var byState = await repository.ListAsync(district, new LeaderFilter { States = [LeaderState.Welcomed, LeaderState.FollowedUp] }, CancellationToken.None);
        var byMunicipality = await repository.ListAsync(district, new LeaderFilter { Municipality = "Dragør" }, CancellationToken.None);
        var byHash = await repository.ListAsync(district, new LeaderFilter { EmailHash = other.EmailHash }, CancellationToken.None);

        // Assert
        Assert.Equal(welcomed.LeaderId, Assert.Single(byState).LeaderId);
        Assert.Equal(other.LeaderId, Assert.Single(byMunicipality).LeaderId);
        Assert.Equal(other.LeaderId, Assert.Single(byHash).LeaderId);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\\b")]
    [InlineData("a\u0001b")]
    public async Task GetAsync_KeyAzureRefuses_FindsNoLeader(string leaderId)
    {
        Assert.Null(await repository.GetAsync(AzuriteFixture.UniqueName("d"), leaderId, CancellationToken.None));
    }

    private static LeaderEvent Discovered() => LeaderEvent.Create(Now, null, LeaderState.Discovered, "discovery", "Found as a new leader in file");

    private static Leader NewLeader(string? district = null, string? leaderId = null)
    {
        var email = Guid.NewGuid().ToString("N") + "@institution.example";
        return new Leader
        {
            District = district ?? AzuriteFixture.UniqueName("d"),
            LeaderId = leaderId ?? "l" + Guid.NewGuid().ToString("N")[..20],
            Name = "Søren Ærø",
            Email = email,
            NormalizedEmail = email,
            EmailHash = EmailAddresses.Hash(email),
            HireDate = new DateOnly(2026, 11, 1),
            Membership = MembershipStatus.NonMember,
            State = LeaderState.Discovered,
            Source = "file",
            SourceId = Guid.NewGuid().ToString("N"),
            LawfulBasis = LawfulBasis.LegitimateInterest,
            DiscoveredAt = Now,
        };
    }
}
