using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

/// <summary>The poison-queue adapter on queues of each test's own, through the queue client the app registers (Base64).</summary>
[Collection(AzuriteTests.Name)]
public sealed class QueuePoisonQueuesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string poisonName = AzuriteFixture.UniqueName("poison");
    private readonly string workName = AzuriteFixture.UniqueName("work");
    private ServiceProvider services = null!;
    private QueueClient poison = null!;
    private QueueClient work = null!;
    private QueuePoisonQueues adapter = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        services = new ServiceCollection().AddOutreachStorage(configuration).BuildServiceProvider();
        var queues = services.GetRequiredService<QueueServiceClient>();
        poison = queues.GetQueueClient(poisonName);
        work = queues.GetQueueClient(workName);
        await poison.CreateIfNotExistsAsync();
        await work.CreateIfNotExistsAsync();
        var raw = services.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(StorageServiceCollectionExtensions.RawQueueClientName);
        adapter = new QueuePoisonQueues(raw, new Dictionary<string, string> { [poisonName] = workName });
    }

    public async Task DisposeAsync()
    {
        await poison.DeleteIfExistsAsync();
        await work.DeleteIfExistsAsync();
        await services.DisposeAsync();
    }

    [Fact]
    public async Task ListAsync_AFewMessages_ShowsTheirTextAndLeavesThemUntouched()
    {
        // Arrange
        var ids = await PutAsync(3);

        // Act
        var first = await adapter.ListAsync(poisonName, 500);
        var second = await adapter.ListAsync(poisonName, 500);

        // Assert
        Assert.Equal(ids, first.Select(m => m.MessageId));
        Assert.Equal(Item(1), first[1].Text);
        Assert.All(second, m => Assert.Equal(0, m.DequeueCount));
        Assert.All(first, m => Assert.NotNull(m.InsertedOn));
    }

    [Fact]
    public async Task ListAsync_MoreThanOnePeek_ListsEveryMessageAndLeavesThemVisible()
    {
        // Arrange
        var ids = await PutAsync(40);

        // Act
        var listed = await adapter.ListAsync(poisonName, 500);

        // Assert
        Assert.Equal(ids.ToHashSet(), listed.Select(m => m.MessageId).ToHashSet());
        Assert.Equal(40, listed.Count);
        Assert.All(listed, m => Assert.Equal(0, m.DequeueCount));
        Assert.Equal(32, (await poison.PeekMessagesAsync(32)).Value.Length);
    }

    [Fact]
    public async Task RequeueAsync_MessageDeepInTheQueue_MovesItToTheWorkQueueUnchanged()
    {
        // Arrange
        var ids = await PutAsync(40);

        // Act
        var requeued = await adapter.RequeueAsync(poisonName, ids[35]);

        // Assert
        Assert.True(requeued);
        var left = await adapter.ListAsync(poisonName, 500);
        Assert.Equal(39, left.Count);
        Assert.DoesNotContain(left, m => m.MessageId == ids[35]);
        var moved = Assert.Single((await work.PeekMessagesAsync(32)).Value);
        Assert.Equal(Item(35), moved.Body.ToString());
        Assert.Equal(32, (await poison.PeekMessagesAsync(32)).Value.Length);
    }

    [Fact]
    public async Task DiscardAsync_Message_DeletesItOnceAndThenFindsNothing()
    {
        // Arrange
        var ids = await PutAsync(3);

        // Act
        var discarded = await adapter.DiscardAsync(poisonName, ids[0]);
        var again = await adapter.DiscardAsync(poisonName, ids[0]);

        // Assert
        Assert.True(discarded);
        Assert.False(again);
        Assert.Equal(ids[1..], (await adapter.ListAsync(poisonName, 500)).Select(m => m.MessageId));
        Assert.Empty((await work.PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task ListAsync_MessageThatIsNotBase64_IsListedAsItsRawText()
    {
        // Arrange: the host moves a message it could not decode to the poison queue as it was.
        var raw = new QueueClient(azurite.ConnectionString, poisonName, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var id = (await raw.SendMessageAsync("{not base64 at all}")).Value.MessageId;

        // Act
        var listed = await adapter.ListAsync(poisonName, 500);

        // Assert
        Assert.Equal("{not base64 at all}", Assert.Single(listed, m => m.MessageId == id).Text);
    }

    [Fact]
    public async Task ListAsync_PoisonQueueNotCreatedYet_ListsNothing()
    {
        // Arrange
        await poison.DeleteAsync();

        // Act + Assert
        Assert.Empty(await adapter.ListAsync(poisonName, 500));
        Assert.False(await adapter.DiscardAsync(poisonName, "0b5e9a9c-0000-0000-0000-000000000000"));
    }

    private static string Item(int i) => $$"""{"district":"storkobenhavn","leaderId":"l{{i}}"}""";

    private async Task<List<string>> PutAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            ids.Add((await poison.SendMessageAsync(Item(i))).Value.MessageId);
        }

        return ids;
    }
}
