using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Privacy;
using Outreach.Core.Storage;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

/// <summary>The by-address reads and the deletes of erasure, the keyed-hash suppression and the audit table, on Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PrivacyTablesTests
{
    private readonly TableServiceClient tables;
    private readonly FakeTimeProvider clock = DomainTestData.Clock();
    private readonly AddressKeyedHash keyedHash = new(Options.Create(new PrivacyOptions { HashKey = "test-privacy-hash-key-0123456789abcdef" }));

    public PrivacyTablesTests(AzuriteFixture azurite)
    {
        tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in StorageNames.Tables)
        {
            tables.CreateTableIfNotExists(table);
        }
    }

    [Fact]
    public async Task DeleteAsync_LeaderWithTwoEvents_RemovesLeaderAndEventsButNotANeighbourWithALongerId()
    {
        // Arrange
        var repository = new TableLeaderRepository(tables);
        var district = "d" + Guid.NewGuid().ToString("N")[..10];
        var leader = DomainTestData.Leader("x", district: district);
        var neighbour = DomainTestData.Leader("xy", district: district);
        await repository.AddAsync(leader, LeaderEvent.Create(DomainTestData.Now, null, LeaderState.Discovered, "discovery", "found"), default);
        await repository.AddAsync(neighbour, LeaderEvent.Create(DomainTestData.Now, null, LeaderState.Discovered, "discovery", "found"), default);
        await repository.UpdateAsync(leader, leader.MoveTo(LeaderState.Welcomed, "welcome", "sent", DomainTestData.Now), default);

        // Act
        var deleted = await repository.DeleteAsync(district, "x", default);
        var deletedAgain = await repository.DeleteAsync(district, "x", default);

        // Assert
        Assert.Equal((2, 0), (deleted, deletedAgain));
        Assert.Null(await repository.GetAsync(district, "x", default));
        Assert.Empty(await repository.GetEventsAsync(district, "x", default));
        Assert.NotNull(await repository.GetAsync(district, "xy", default));
        Assert.Single(await repository.GetEventsAsync(district, "xy", default));
    }

    [Fact]
    public async Task SuppressErasedAsync_Address_IsFoundAtSendTimeButKeepsNeitherAddressNorPlainHash()
    {
        // Arrange
        var list = new TableSuppressionList(tables, clock, keyedHash);
        var email = "erased-" + Guid.NewGuid().ToString("N")[..8] + "@example.org";

        // Act
        await list.SuppressErasedAsync(email.ToUpperInvariant(), "anne.admin", default);

        // Assert
        Assert.Equal("erased", await list.ReasonAsync(email, default));
        Assert.Null(await list.GetAsync(email, default));
        Assert.Null(await new TableSuppressionList(tables, clock, new AddressKeyedHash(Options.Create(new PrivacyOptions { HashKey = "another-key-0123456789abcdef-0123456789" }))).ReasonAsync(email, default));
        var rows = await tables.GetTableClient(StorageNames.SuppressionsTable)
            .QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {keyedHash.Compute(email)} or RowKey eq {EmailAddresses.Hash(email)}")).ToListAsync();
        var row = Assert.Single(rows);
        Assert.Equal(("erased", "erased", "anne.admin"), (row.PartitionKey, row.GetString("Reason"), row.GetString("Source")));
        Assert.DoesNotContain(((IDictionary<string, object>)row).Values, value => value is string text && text.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task OptOutListAndDelete_TwoCategories_ListsBothAndDeletesOneAtATime()
    {
        // Arrange
        var repository = new TableOptOutRepository(tables, clock);
        var hash = EmailAddresses.Hash(Guid.NewGuid().ToString("N") + "@example.org");
        await repository.RecordAsync(hash, OptOutCategory.Outreach, "storkobenhavn", default);
        await repository.RecordAsync(hash, OptOutCategory.All, "nordjylland", default);

        // Act
        var listed = await repository.ListAsync(hash, default);
        var deleted = await repository.DeleteAsync(hash, OptOutCategory.All, default);
        var deletedAgain = await repository.DeleteAsync(hash, OptOutCategory.All, default);

        // Assert
        Assert.Equal([(OptOutCategory.Outreach, "storkobenhavn"), (OptOutCategory.All, "nordjylland")], listed.Select(o => (o.Category, o.District)).OrderByDescending(o => o.Item2));
        Assert.Equal((true, false), (deleted, deletedAgain));
        Assert.Equal(OptOutCategory.Outreach, Assert.Single(await repository.ListAsync(hash, default)).Category);
    }

    [Fact]
    public async Task DeliveryListAndDelete_TwoLetters_ListsBothAndDeletesOne()
    {
        // Arrange
        var repository = new TableDeliveryRepository(tables);
        var leaderId = "l" + Guid.NewGuid().ToString("N");
        foreach (var kind in new[] { "welcome", "followup1" })
        {
            await repository.ClaimAsync(new Delivery { LeaderId = leaderId, Kind = kind, District = "storkobenhavn", Status = DeliveryStatus.Sent, ClaimedAt = DomainTestData.Now, ProviderStatus = "delivered" }, default);
        }

        // Act
        var listed = await repository.ListForLeaderAsync(leaderId, default);
        var deleted = await repository.DeleteAsync(leaderId, "welcome", default);
        var deletedAgain = await repository.DeleteAsync(leaderId, "welcome", default);

        // Assert
        Assert.Equal(["followup1", "welcome"], listed.Select(d => d.Kind).Order(StringComparer.Ordinal));
        Assert.Equal((true, false), (deleted, deletedAgain));
        Assert.Equal("followup1", Assert.Single(await repository.ListForLeaderAsync(leaderId, default)).Kind);
    }

    [Fact]
    public async Task AuditLog_RecordThenList_ReadsTheEntryBack()
    {
        // Arrange
        var log = new TablePrivacyAuditLog(tables);
        var at = DomainTestData.Now.AddYears(5).AddSeconds(Random.Shared.Next(1, 100_000_000));
        var entry = new PrivacyAuditEntry("erasure", at, "anne.admin", 1, new ErasureCounts(1, 3, 2, 1, 0, 2, 3));

        // Act
        await log.RecordAsync(entry, default);
        var listed = await log.ListAsync(at, default);

        // Assert
        Assert.Contains(entry, listed);
    }
}
