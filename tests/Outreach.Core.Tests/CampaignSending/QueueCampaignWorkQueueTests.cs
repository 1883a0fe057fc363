using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Outreach.Core.CampaignSending;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.CampaignSending;

[Collection(AzuriteTests.Name)]
public sealed class QueueCampaignWorkQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EnqueuePlanAsync_Item_WritesBase64JsonTheTriggerReads()
    {
        // Arrange
        var (queues, raw) = await QueuesAsync(StorageNames.CampaignPlanQueue);
        var campaignId = AzuriteFixture.UniqueName("c");

        // Act
        await new QueueCampaignWorkQueue(queues).EnqueuePlanAsync(new CampaignPlanWorkItem(campaignId));

        // Assert
        var found = new List<string>();
        for (var received = await raw.ReceiveMessagesAsync(32); received.Value.Length > 0; received = await raw.ReceiveMessagesAsync(32))
        {
            foreach (var message in received.Value)
            {
                var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
                if (JsonSerializer.Deserialize(json, CampaignWorkItemJsonContext.Default.CampaignPlanWorkItem)?.CampaignId == campaignId)
                {
                    found.Add(json);
                    await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }

        Assert.Equal($"{{\"campaignId\":\"{campaignId}\"}}", Assert.Single(found));
    }

    [Fact]
    public async Task EnqueueBatchAsync_WithADelay_IsInvisibleUntilThenAndStoredToOutliveIt()
    {
        // Arrange
        var (queues, raw) = await QueuesAsync(StorageNames.CampaignBatchQueue);
        var item = new CampaignBatchWorkItem(AzuriteFixture.UniqueName("c"), 7);

        // Act
        await new QueueCampaignWorkQueue(queues).EnqueueBatchAsync(item, TimeSpan.FromDays(30));

        // Assert: nothing of this campaign can be received now.
        for (var received = await raw.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1)); received.Value.Length > 0; received = await raw.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1)))
        {
            Assert.DoesNotContain(received.Value, message => Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText)).Contains(item.CampaignId, StringComparison.Ordinal));
        }
    }

    private async Task<(QueueServiceClient Queues, QueueClient Raw)> QueuesAsync(string name)
    {
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });
        await queues.GetQueueClient(name).CreateIfNotExistsAsync();
        return (queues, new QueueClient(azurite.ConnectionString, name, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion)));
    }
}
