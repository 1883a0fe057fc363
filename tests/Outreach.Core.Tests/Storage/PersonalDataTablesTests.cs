using Azure.Data.Tables;
using Outreach.Core.CampaignRendering;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.Storage;

/// <summary>The reads and deletes of one address's rows in issue 10's tables that export and erasure use.</summary>
[Collection(AzuriteTests.Name)]
public sealed class PersonalDataTablesTests
{
    private readonly TableRecipientListRepository lists;
    private readonly TableCampaignBatchStore batches;

    public PersonalDataTablesTests(AzuriteFixture azurite)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.RecipientListsTable);
        tables.CreateTableIfNotExists(StorageNames.CampaignBatchesTable);
        lists = new TableRecipientListRepository(tables);
        batches = new TableCampaignBatchStore(tables, Clock());
    }

    [Fact]
    public async Task ListIdsHoldingAsync_AddressOnTwoOfThreeLists_FindsExactlyThoseTwo()
    {
        // Arrange
        var person = Entry(AzuriteFixture.UniqueName("p"));
        var other = Entry(AzuriteFixture.UniqueName("o"));
        var (first, second, without) = (UniqueId("l"), UniqueId("l"), UniqueId("l"));
        await AddListAsync(first, person, other);
        await AddListAsync(second, person);
        await AddListAsync(without, other);

        // Act
        var found = await lists.ListIdsHoldingAsync(person.Key, default);

        // Assert
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), found);
    }

    [Fact]
    public async Task ListIdsHoldingAsync_TheListRowsKey_FindsNothing()
    {
        // Arrange
        await AddListAsync(UniqueId("l"), Entry(AzuriteFixture.UniqueName("p")));

        // Act
        var found = await lists.ListIdsHoldingAsync(RecipientListTableEntity.HeaderRowKey, default);

        // Assert
        Assert.Empty(found);
    }

    [Fact]
    public async Task DeleteEntryAsync_RowOnAList_RemovesOnlyThatRowAndLowersTheListsCountOnce()
    {
        // Arrange
        var person = Entry(AzuriteFixture.UniqueName("p"));
        var other = Entry(AzuriteFixture.UniqueName("o"));
        var listId = UniqueId("l");
        await AddListAsync(listId, person, other);

        // Act
        var deleted = await lists.DeleteEntryAsync(listId, person.Key, default);
        var again = await lists.DeleteEntryAsync(listId, person.Key, default);

        // Assert
        Assert.Equal((true, false), (deleted, again));
        Assert.Null(await lists.FindEntryAsync(listId, person.Key, default));
        Assert.Equal(other, await lists.FindEntryAsync(listId, other.Key, default));
        Assert.Equal(1, (await lists.GetAsync(listId, default))!.Rows);
        Assert.Empty(await lists.ListIdsHoldingAsync(person.Key, default));
    }

    [Fact]
    public async Task DeleteEntryAsync_TheListRowsKey_DeletesNothing()
    {
        // Arrange
        var listId = UniqueId("l");
        await AddListAsync(listId, Entry(AzuriteFixture.UniqueName("p")));

        // Act
        var deleted = await lists.DeleteEntryAsync(listId, RecipientListTableEntity.HeaderRowKey, default);

        // Assert
        Assert.False(deleted);
        Assert.Equal(1, (await lists.GetAsync(listId, default))!.Rows);
    }

    [Fact]
    public async Task DeleteDeliveryAsync_SentBatchOfTwo_RemovesOnlyThatRecipientsRowAndKeepsTheBatch()
    {
        // Arrange
        var person = Recipient(AzuriteFixture.UniqueName("p"));
        var other = Recipient(AzuriteFixture.UniqueName("o"));
        var campaignId = UniqueId("c");
        await SentBatchAsync(campaignId, person, other);

        // Act
        var deleted = await batches.DeleteDeliveryAsync(campaignId, 0, person.Key, default);
        var again = await batches.DeleteDeliveryAsync(campaignId, 0, person.Key, default);

        // Assert
        Assert.Equal((true, false), (deleted, again));
        Assert.Empty(await batches.ListForRecipientAsync(person.Key, default));
        Assert.Equal(other.Key, Assert.Single(await batches.ListDeliveriesAsync(campaignId, 0, default)).RecipientKey);
        var batch = await batches.GetSummaryAsync(campaignId, 0, default);
        Assert.Equal((CampaignBatchStatus.Sent, 2), (batch!.Status, batch.Counts.Sent));
    }

    [Fact]
    public async Task DeleteDeliveryAsync_TheBatchRowsKey_DeletesNothing()
    {
        // Arrange
        var campaignId = UniqueId("c");
        await SentBatchAsync(campaignId, Recipient(AzuriteFixture.UniqueName("p")));

        // Act
        var deleted = await batches.DeleteDeliveryAsync(campaignId, 0, TableCampaignBatchStore.BatchRow, default);

        // Assert
        Assert.False(deleted);
        Assert.NotNull(await batches.GetSummaryAsync(campaignId, 0, default));
    }

    private static RecipientListEntry Entry(string local)
    {
        var email = local + "@kandidat.example";
        return new RecipientListEntry(EmailAddresses.Hash(email), email, "Kandidat " + local, "Tårnby", "Kandidat", 2);
    }

    private Task AddListAsync(string listId, params RecipientListEntry[] entries) =>
        lists.AddAsync(new RecipientList(listId, "Kandidater " + listId, entries.Length, "anna", Now), entries, default);

    private async Task SentBatchAsync(string campaignId, params CampaignRecipient[] recipients)
    {
        await batches.FreezeAsync(campaignId, [new CampaignBatch { CampaignId = campaignId, Number = 0, Variant = CampaignVariant.All, Recipients = recipients, Status = CampaignBatchStatus.Planned }], default);
        var batch = (await batches.GetAsync(campaignId, 0, default))!;
        batch.Status = CampaignBatchStatus.Sent;
        batch.Counts = batch.Counts with { Sent = recipients.Length };
        var deliveries = recipients.Select(r => new CampaignDelivery { CampaignId = campaignId, BatchNumber = 0, RecipientKey = r.Key, Status = CampaignDeliveryStatus.Sent, At = Now, ProviderMessageId = "msg-1" }).ToList();
        Assert.True(await batches.RecordAsync(batch, deliveries, default));
    }
}
