using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Outreach.Core.Letters;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

/// <summary>What Azurite lets through and Azure refuses is refused by our guards before the request.</summary>
[Collection(AzuriteTests.Name)]
public sealed class StorageLimitsAzuriteTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task CheckTransaction_AcrossPartitions_RefusedThoughAzuriteAcceptsIt()
    {
        // Arrange
        var table = await NewTableAsync();
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("p1", "r")),
            new(TableTransactionActionType.Add, new TableEntity("p2", "r")),
        ];

        // Act: Azurite applies a batch across partitions (Azure answers CommandsInBatchActOnDifferentPartitions).
        await table.SubmitTransactionAsync(actions);

        // Assert
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckTransaction(actions));
    }

    [Fact]
    public async Task CheckEntity_OverOneMebibyte_RefusedThoughAzuriteInsertsIt()
    {
        // Arrange: 40 properties of 30,000 characters: each under the string limit, together over 1 MiB.
        var table = await NewTableAsync();
        var entity = new TableEntity("p", "big");
        for (var i = 0; i < 40; i++)
        {
            entity["P" + i] = new string('x', 30_000);
        }

        // Act: Azurite checks the size on update only.
        await table.AddEntityAsync(entity);

        // Assert
        var refused = Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(entity));
        Assert.Contains("1048576", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckTransaction_OverOneHundredActions_Refused()
    {
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", "r" + i))).ToList();

        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckTransaction(actions));
        StorageLimits.CheckTransaction(actions[..100]);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\tb")]
    [InlineData("a\u007Fb")]
    public void CheckKey_ForbiddenCharacter_Refused(string key) =>
        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckKey(key, "RowKey"));

    [Fact]
    public void CheckKey_OverOneKibibyte_Refused()
    {
        StorageLimits.CheckKey(new string('k', StorageLimits.MaxKeyCharacters), "RowKey");

        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckKey(new string('k', StorageLimits.MaxKeyCharacters + 1), "RowKey"));
    }

    [Fact]
    public void CheckEntity_StringOverSixtyFourKibibytes_Refused()
    {
        var entity = new TableEntity("p", "r") { ["Reason"] = new string('x', StorageLimits.MaxStringCharacters + 1) };

        Assert.Throws<StorageLimitException>(() => StorageLimits.CheckEntity(entity));
    }

    [Fact]
    public async Task EnqueueWelcomesAsync_MessageOverSixtyFourKibibytes_RefusedAndNothingOfTheBatchIsSent()
    {
        // Arrange
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var queue = queues.GetQueueClient(StorageNames.WelcomeQueue);
        await queue.CreateIfNotExistsAsync();
        var district = AzuriteFixture.UniqueName("d");
        var letters = new QueueLetterQueue(queues);

        // Act
        await Assert.ThrowsAsync<StorageLimitException>(() => letters.EnqueueWelcomesAsync([new WelcomeWorkItem(district, "l1"), new WelcomeWorkItem(new string('d', 50_000), "l2")]));

        // Assert: every message on the queue (the tests of this collection run one at a time), not only the first 32.
        var texts = new List<string>();
        for (var received = await queue.ReceiveMessagesAsync(32); received.Value.Length > 0; received = await queue.ReceiveMessagesAsync(32))
        {
            foreach (var message in received.Value)
            {
                texts.Add(Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)));
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        Assert.DoesNotContain(texts, text => text.Contains(district, StringComparison.Ordinal));
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("limits"));
        await table.CreateAsync();
        return table;
    }
}
