using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Email;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignSending;

[Collection(AzuriteTests.Name)]
public sealed class TableCampaignBatchStoreTests
{
    private readonly TableServiceClient tables;
    private readonly FakeTimeProvider clock = Clock();
    private readonly TableCampaignBatchStore store;

    public TableCampaignBatchStoreTests(AzuriteFixture azurite)
    {
        tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.CampaignBatchesTable);
        store = new TableCampaignBatchStore(tables, clock);
    }

    [Fact]
    public async Task FreezeAsync_1000RecipientsWithLongDanishNames_GetAsyncReturnsEveryoneAsFrozen()
    {
        // Arrange: names that compress badly, so the recipients need more than one 64 KiB property.
        var campaignId = AzuriteFixture.UniqueName("c");
        var recipients = Enumerable.Range(0, CampaignBatch.MaxRecipients).Select(LongRecipient).ToList();
        var batch = NewBatch(campaignId, 0, recipients);

        // Act
        await store.FreezeAsync(campaignId, [batch], default);
        var read = await store.GetAsync(campaignId, 0, default);

        // Assert
        Assert.NotNull(read);
        Assert.Equal(recipients, read.Recipients);
        Assert.Equal((CampaignBatchStatus.Planned, CampaignVariant.Members, 1000), (read.Status, read.Variant, read.Counts.Planned));
        Assert.Equal(batch.Version, read.Version);
        var raw = (await tables.GetTableClient(StorageNames.CampaignBatchesTable).GetEntityAsync<TableEntity>(TableCampaignBatchStore.PartitionOf(campaignId, 0), TableCampaignBatchStore.BatchRow)).Value;
        Assert.True(raw.GetInt32("RecipientParts") > 1, "the recipients span several binary properties");
        Assert.All(Enumerable.Range(0, raw.GetInt32("RecipientParts")!.Value), i => Assert.InRange(raw.GetBinary($"R{i:D2}").Length, 1, TableCampaignBatchStore.MaxBinaryBytes));
    }

    [Fact]
    public async Task FreezeAsync_AgainWithFewerBatches_ReplacesTheLeftoversOfAnInterruptedPlanning()
    {
        // Arrange
        var campaignId = AzuriteFixture.UniqueName("c");
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 0, [Recipient("a")]), NewBatch(campaignId, 1, [Recipient("b")]), NewBatch(campaignId, 2, [Recipient("c")])], default);

        // Act
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 0, [Recipient("d")])], default);

        // Assert
        var listed = Assert.Single(await store.ListAsync(campaignId, default));
        Assert.Empty(listed.Recipients);
        Assert.Equal("d@institution.example", Assert.Single((await store.GetAsync(campaignId, 0, default))!.Recipients).Email);
        Assert.Null(await store.GetAsync(campaignId, 2, default));
    }

    [Fact]
    public async Task TryClaimAsync_TwoWorkersWithTheSameCopy_OnlyOneClaimsAndTheBatchIsSending()
    {
        // Arrange
        var campaignId = AzuriteFixture.UniqueName("c");
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 0, [Recipient("a")])], default);
        var first = (await store.GetAsync(campaignId, 0, default))!;
        var second = (await store.GetAsync(campaignId, 0, default))!;

        // Act
        var firstClaimed = await store.TryClaimAsync(first, default);
        var secondClaimed = await store.TryClaimAsync(second, default);

        // Assert
        Assert.Equal((true, false), (firstClaimed, secondClaimed));
        var stored = (await store.GetSummaryAsync(campaignId, 0, default))!;
        Assert.Equal((CampaignBatchStatus.Sending, Now), (stored.Status, stored.ClaimedAt));
        Assert.Equal(first.Version, stored.Version);
    }

    [Fact]
    public async Task ReleaseAsync_ClaimedBatch_IsPlannedAgainAndCanBeClaimed()
    {
        // Arrange
        var campaignId = AzuriteFixture.UniqueName("c");
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 0, [Recipient("a")])], default);
        var batch = (await store.GetAsync(campaignId, 0, default))!;
        Assert.True(await store.TryClaimAsync(batch, default));

        // Act
        await store.ReleaseAsync(batch, default);

        // Assert
        var again = (await store.GetAsync(campaignId, 0, default))!;
        Assert.Equal((CampaignBatchStatus.Planned, (DateTimeOffset?)null), (again.Status, again.ClaimedAt));
        Assert.True(await store.TryClaimAsync(again, default));
    }

    [Fact]
    public async Task RecordAsync_250Deliveries_WritesThemInTransactionsOfAtMost100AndRepeatingWritesTheSameRows()
    {
        // Arrange
        var campaignId = AzuriteFixture.UniqueName("c");
        var recipients = Enumerable.Range(0, 250).Select(i => Recipient("r" + i)).ToList();
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 4, recipients)], default);
        var batch = (await store.GetAsync(campaignId, 4, default))!;
        Assert.True(await store.TryClaimAsync(batch, default));
        var rows = recipients.Select(r => new CampaignDelivery { CampaignId = campaignId, BatchNumber = 4, RecipientKey = r.Key, Status = CampaignDeliveryStatus.Sent, At = Now, ProviderMessageId = "sg-1" }).ToList();
        var stale = (await store.GetAsync(campaignId, 4, default))!;
        batch.Status = CampaignBatchStatus.Sent;
        batch.Counts = new CampaignCounts(250, 250, 0, 0, 0);
        batch.ProviderMessageId = "sg-1";

        // Act
        var recorded = await store.RecordAsync(batch, rows, default);
        stale.Status = CampaignBatchStatus.OutcomeUnknown;
        var recordedAgain = await store.RecordAsync(stale, rows, default);

        // Assert
        Assert.Equal((true, false), (recorded, recordedAgain));
        var written = await store.ListDeliveriesAsync(campaignId, 4, default);
        Assert.Equal(250, written.Count);
        Assert.Equal(recipients.Select(r => r.Key).Order(StringComparer.Ordinal), written.Select(d => d.RecipientKey));
        Assert.All(written, d => Assert.Equal((CampaignDeliveryStatus.Sent, "sg-1", 4, CampaignDelivery.Key(campaignId, 4, d.RecipientKey)), (d.Status, d.ProviderMessageId, d.BatchNumber, d.DeliveryKey)));
        var summary = (await store.GetSummaryAsync(campaignId, 4, default))!;
        Assert.Equal((CampaignBatchStatus.Sent, new CampaignCounts(250, 250, 0, 0, 0), "sg-1"), (summary.Status, summary.Counts, summary.ProviderMessageId));
        // The outcome drops the frozen addresses and names (the delivery rows say who was in the batch); the rest stays.
        var finished = (await store.GetAsync(campaignId, 4, default))!;
        Assert.Empty(finished.Recipients);
        Assert.Equal((batch.Variant, batch.ClaimedAt, 4), (finished.Variant, finished.ClaimedAt, finished.Number));
    }

    [Fact]
    public async Task RecordAsync_OverTheRowsOfARedeliverysMark_ReplacesThemWithTheRequestsAnswer()
    {
        // Arrange: a redelivery marked the claimed batch outcome unknown; then the live attempt's answer came (accepted).
        var campaignId = AzuriteFixture.UniqueName("c");
        var recipients = Enumerable.Range(0, 130).Select(i => Recipient("o" + i)).ToList();
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 3, recipients)], default);
        var live = (await store.GetAsync(campaignId, 3, default))!;
        Assert.True(await store.TryClaimAsync(live, default));
        var mark = (await store.GetAsync(campaignId, 3, default))!;
        (mark.Status, mark.Counts) = (CampaignBatchStatus.OutcomeUnknown, new CampaignCounts(130, 0, 130, 0, 0));
        Assert.True(await store.MarkAsync(mark, recipients.Select(r => new CampaignDelivery { CampaignId = campaignId, BatchNumber = 3, RecipientKey = r.Key, Status = CampaignDeliveryStatus.OutcomeUnknown, At = Now, Detail = "interrupted" }).ToList(), default));
        live.Version = mark.Version;
        (live.Status, live.Counts, live.ProviderMessageId) = (CampaignBatchStatus.Sent, new CampaignCounts(130, 130, 0, 0, 0), "sg-7");

        // Act
        var recorded = await store.RecordAsync(live, recipients.Select(r => new CampaignDelivery { CampaignId = campaignId, BatchNumber = 3, RecipientKey = r.Key, Status = CampaignDeliveryStatus.Sent, At = Now, ProviderMessageId = "sg-7" }).ToList(), default);

        // Assert
        Assert.True(recorded);
        var rows = await store.ListDeliveriesAsync(campaignId, 3, default);
        Assert.Equal(130, rows.Count);
        Assert.All(rows, row => Assert.Equal((CampaignDeliveryStatus.Sent, "sg-7", (string?)null), (row.Status, row.ProviderMessageId, row.Detail)));
        Assert.Equal(CampaignBatchStatus.Sent, (await store.GetSummaryAsync(campaignId, 3, default))!.Status);
    }

    [Fact]
    public async Task MarkAsync_LiveAttemptRecordedItsRowsAfterTheMarksRead_KeepsThemAndReturnsFalse()
    {
        // Arrange: a redelivery read the claimed batch (no rows); then the live attempt recorded the request's answer.
        var campaignId = AzuriteFixture.UniqueName("c");
        var recipients = Enumerable.Range(0, 150).Select(i => Recipient("m" + i)).ToList();
        await store.FreezeAsync(campaignId, [NewBatch(campaignId, 2, recipients)], default);
        var live = (await store.GetAsync(campaignId, 2, default))!;
        Assert.True(await store.TryClaimAsync(live, default));
        var mark = (await store.GetAsync(campaignId, 2, default))!;
        CampaignDelivery Row(CampaignRecipient r, CampaignDeliveryStatus status) =>
            new() { CampaignId = campaignId, BatchNumber = 2, RecipientKey = r.Key, Status = status, At = Now, ProviderMessageId = status == CampaignDeliveryStatus.Sent ? "sg-1" : null };
        (live.Status, live.Counts, live.ProviderMessageId) = (CampaignBatchStatus.Sent, new CampaignCounts(150, 150, 0, 0, 0), "sg-1");
        Assert.True(await store.RecordAsync(live, recipients.Select(r => Row(r, CampaignDeliveryStatus.Sent)).ToList(), default));
        (mark.Status, mark.Counts) = (CampaignBatchStatus.OutcomeUnknown, new CampaignCounts(150, 0, 150, 0, 0));

        // Act
        var marked = await store.MarkAsync(mark, recipients.Select(r => Row(r, CampaignDeliveryStatus.OutcomeUnknown)).ToList(), default);

        // Assert
        Assert.False(marked);
        Assert.Equal(CampaignBatchStatus.Sent, (await store.GetSummaryAsync(campaignId, 2, default))!.Status);
        var rows = await store.ListDeliveriesAsync(campaignId, 2, default);
        Assert.Equal(150, rows.Count);
        Assert.All(rows, row => Assert.Equal((CampaignDeliveryStatus.Sent, "sg-1"), (row.Status, row.ProviderMessageId)));
    }

    [Fact]
    public async Task ListAsync_ThreeBatches_ReturnsTheirSummariesInNumberOrder()
    {
        // Arrange
        var campaignId = AzuriteFixture.UniqueName("c");
        await store.FreezeAsync(campaignId, Enumerable.Range(0, 3).Select(i => NewBatch(campaignId, i, [Recipient("x" + i), Recipient("y" + i)])).ToList(), default);

        // Act
        var listed = await store.ListAsync(campaignId, default);

        // Assert
        Assert.Equal([0, 1, 2], listed.Select(b => b.Number));
        Assert.All(listed, b => Assert.Equal((CampaignBatchStatus.Planned, 2, 0), (b.Status, b.Counts.Planned, b.Recipients.Count)));
    }

    [Fact]
    public async Task ListForRecipientAsync_DeliveriesInTwoCampaigns_FindsBoth()
    {
        // Arrange
        var recipient = Recipient(AzuriteFixture.UniqueName("p"));
        foreach (var campaignId in new[] { AzuriteFixture.UniqueName("c"), AzuriteFixture.UniqueName("c") })
        {
            await store.FreezeAsync(campaignId, [NewBatch(campaignId, 0, [recipient])], default);
            var batch = (await store.GetAsync(campaignId, 0, default))!;
            batch.Status = CampaignBatchStatus.Sent;
            await store.RecordAsync(batch, [new CampaignDelivery { CampaignId = campaignId, BatchNumber = 0, RecipientKey = recipient.Key, Status = CampaignDeliveryStatus.Sent, At = Now }], default);
        }

        // Act
        var found = await store.ListForRecipientAsync(recipient.Key, default);

        // Assert
        Assert.Equal(2, found.Count);
        Assert.All(found, d => Assert.Equal(recipient.Key, d.RecipientKey));
    }

    [Fact]
    public async Task DeleteAsync_CampaignWithDeliveries_RemovesBatchesAndRowsButNotAnotherCampaignsWithALongerId()
    {
        // Arrange: "c-x" and "c-x-00000-y" share a prefix.
        var campaignId = AzuriteFixture.UniqueName("c");
        var similar = campaignId + "-00000-y";
        foreach (var id in new[] { campaignId, similar })
        {
            await store.FreezeAsync(id, [NewBatch(id, 0, [Recipient("a")])], default);
            var batch = (await store.GetAsync(id, 0, default))!;
            batch.Status = CampaignBatchStatus.Sent;
            await store.RecordAsync(batch, [new CampaignDelivery { CampaignId = id, BatchNumber = 0, RecipientKey = Recipient("a").Key, Status = CampaignDeliveryStatus.Sent, At = Now }], default);
        }

        // Act
        await store.DeleteAsync(campaignId, default);

        // Assert
        Assert.Empty(await store.ListAsync(campaignId, default));
        Assert.Empty(await store.ListDeliveriesAsync(campaignId, 0, default));
        Assert.Single(await store.ListDeliveriesAsync(similar, 0, default));
    }

    private static CampaignRecipient LongRecipient(int i)
    {
        var tail = Guid.NewGuid().ToString("N");
        var email = $"person.{i}.{tail[..10]}@kommune-{tail[10..16]}.example";
        return new CampaignRecipient
        {
            Key = EmailAddresses.Hash(email),
            Email = email,
            Name = $"Søren Æbelø Østergård-Kjærsgaard Bøgh Ærøskøbing Frederiksværk {tail} Åkirkeby-Nørrebro {i}",
            Municipality = "Høje-Taastrup",
            Membership = i % 2 == 0 ? MembershipStatus.Member : MembershipStatus.Unknown,
            LeaderId = i % 2 == 0 ? "l" + i : null,
            Role = i % 2 == 0 ? null : "Kandidat til kommunalbestyrelsen",
        };
    }

    private static CampaignBatch NewBatch(string campaignId, int number, IReadOnlyList<CampaignRecipient> recipients) => new()
    {
        CampaignId = campaignId,
        Number = number,
        Variant = CampaignVariant.Members,
        Recipients = recipients,
        Status = CampaignBatchStatus.Planned,
    };
}
