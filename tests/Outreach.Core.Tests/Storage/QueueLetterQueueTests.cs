using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class QueueLetterQueueTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EnqueueWelcomesAsync_Batch_WritesEveryItemAsBase64JsonTheTriggerReads()
    {
        // Arrange: the port as the app registers it, and the Storage queue as the Functions host reads it (raw text,
        // Base64 decoded by the trigger).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build();
        await using var services = new ServiceCollection().AddOutreachStorage(configuration).AddOutreachLeaders().BuildServiceProvider();
        await services.GetRequiredService<StorageInitializer>().EnsureCreatedAsync();
        var raw = new QueueClient(azurite.ConnectionString, StorageNames.WelcomeQueue, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var district = AzuriteFixture.UniqueName("d");
        var items = Enumerable.Range(0, 40).Select(i => new WelcomeWorkItem(district, "l" + i)).ToList();

        // Act
        await services.GetRequiredService<ILetterQueue>().EnqueueWelcomesAsync(items);

        // Assert
        var found = new List<WelcomeWorkItem>();
        for (var received = await raw.ReceiveMessagesAsync(32); received.Value.Length > 0; received = await raw.ReceiveMessagesAsync(32))
        {
            foreach (var message in received.Value)
            {
                var json = Encoding.UTF8.GetString(Convert.FromBase64String(message.MessageText));
                var item = JsonSerializer.Deserialize(json, WorkItemJsonContext.Default.WelcomeWorkItem)!;
                if (item.District == district)
                {
                    found.Add(item);
                    Assert.Contains("\"leaderId\"", json, StringComparison.Ordinal);
                }

                await raw.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        Assert.Equal(items.ToHashSet(), found.ToHashSet());
        Assert.Equal(40, found.Count);
    }
}
