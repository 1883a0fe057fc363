using System.Diagnostics;
using Azure;
using Outreach.Core.Storage.Queues;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class QueueClientAzuriteTests
{
    private readonly AzuriteFixture azurite;

    public QueueClientAzuriteTests(AzuriteFixture azurite) => this.azurite = azurite;

    [Fact]
    public async Task ReceiveMessagesAsync_Base64Encoding_RoundTripsDanishTextAndStoresBase64()
    {
        // Arrange
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);
        var raw = new QueueClient(azurite.ConnectionString, queue.Name);
        const string text = """{"district":"storkobenhavn","name":"Søren Ærø Åberg"}""";

        // Act
        var receipt = (await queue.SendMessageAsync(text)).Value;
        var onTheWire = (await raw.PeekMessagesAsync()).Value.Single().MessageText;
        var received = (await queue.ReceiveMessagesAsync()).Value.Single();

        // Assert
        Assert.Equal(text, received.MessageText);
        Assert.Equal(receipt.MessageId, received.MessageId);
        Assert.Equal(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)), onTheWire);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_VisibilityTimeoutExpires_MessageReappearsWithHigherDequeueCount()
    {
        // Arrange
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("once");
        var first = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(1))).Value.Single();

        // Act: hidden right after the receive, visible again once the timeout has passed.
        var hidden = (await queue.ReceiveMessagesAsync()).Value;
        var again = await ReceiveWithinAsync(queue, TimeSpan.FromSeconds(15));

        // Assert
        Assert.Empty(hidden);
        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first.MessageId, first.PopReceipt));
        Assert.Equal(400, stale.Status);
        Assert.Equal("PopReceiptMismatch", stale.ErrorCode);
        await queue.DeleteMessageAsync(again.MessageId, again.PopReceipt);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task PeekMessagesAsync_SeveralMessages_ShowsThemWithoutHidingThem()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("a");
        await queue.SendMessageAsync("b");

        var peeked = (await queue.PeekMessagesAsync(10)).Value;
        var received = (await queue.ReceiveMessagesAsync(10)).Value;

        Assert.Equal(["a", "b"], peeked.Select(m => m.MessageText));
        Assert.Equal(2, received.Length);
        Assert.All(peeked, m => Assert.Equal(0, m.DequeueCount));
    }

    [Fact]
    public async Task SendMessageAsync_VisibilityDelay_KeepsTheMessageHidden()
    {
        var queue = await NewQueueAsync();

        var receipt = (await queue.SendMessageAsync("later", TimeSpan.FromMinutes(5), TimeSpan.FromHours(1))).Value;

        Assert.Empty((await queue.ReceiveMessagesAsync()).Value);
        Assert.True(receipt.TimeNextVisible > receipt.InsertionTime.AddMinutes(4));
        Assert.True(receipt.ExpirationTime <= receipt.InsertionTime.AddHours(1).AddSeconds(1));
        Assert.Equal(1, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
    }

    [Fact]
    public async Task UpdateMessageAsync_NewTextAndZeroVisibility_IsReceivedAgainWithTheNewText()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);
        await queue.SendMessageAsync("draft");
        var message = (await queue.ReceiveMessagesAsync(1, TimeSpan.FromMinutes(1))).Value.Single();

        var updated = (await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, "final", TimeSpan.Zero)).Value;
        var again = (await queue.ReceiveMessagesAsync()).Value.Single();

        Assert.NotEqual(message.PopReceipt, updated.PopReceipt);
        Assert.Equal("final", again.MessageText);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task SendMessageAsync_Exactly64KiB_IsAccepted()
    {
        var queue = await NewQueueAsync();

        var receipt = await queue.SendMessageAsync(new string('x', QueueClient.MessageMaxBytes));

        Assert.Equal(201, receipt.GetRawResponse().Status);
    }

    [Fact]
    public async Task SendMessageAsync_Over64KiBOnceEncoded_IsRefusedWithTheSizes()
    {
        var queue = await NewQueueAsync(QueueMessageEncoding.Base64);

        // 49,153 bytes become 65,540 characters of Base64.
        var exception = await Assert.ThrowsAsync<ArgumentException>(() => queue.SendMessageAsync(new string('x', 49_153)));

        Assert.Contains("65540 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("at most 65536", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_Twice_LeavesTheQueueAndItsMessages()
    {
        var queue = await NewQueueAsync();
        await queue.SendMessageAsync("kept");

        var again = await queue.CreateIfNotExistsAsync();

        Assert.Equal(204, again.Status);
        Assert.True((await queue.ExistsAsync()).Value);
        Assert.Single((await queue.PeekMessagesAsync()).Value);
    }

    [Fact]
    public async Task SendMessageAsync_QueueMissing_Throws404QueueNotFound()
    {
        var queue = new QueueClient(azurite.ConnectionString, AzuriteFixture.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => queue.SendMessageAsync("x"));

        Assert.Equal(404, exception.Status);
        Assert.Equal("QueueNotFound", exception.ErrorCode);
        Assert.False((await queue.ExistsAsync()).Value);
    }

    [Fact]
    public async Task ReceiveMessagesAsync_MoreThan32_IsRefused()
    {
        var queue = await NewQueueAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => queue.ReceiveMessagesAsync(33));
    }

    [Fact]
    public async Task GetQueueClient_FromServiceClient_SharesEncodingAndClearMessagesEmptiesIt()
    {
        var service = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var queue = service.GetQueueClient(AzuriteFixture.UniqueName("svc"));
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync("æ");

        var text = (await queue.PeekMessagesAsync()).Value.Single().MessageText;
        await queue.ClearMessagesAsync();

        Assert.Equal("æ", text);
        Assert.Empty((await queue.PeekMessagesAsync()).Value);
        Assert.True((await queue.DeleteIfExistsAsync()).Value);
    }

    private static async Task<QueueMessage> ReceiveWithinAsync(QueueClient queue, TimeSpan deadline)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < deadline)
        {
            var messages = (await queue.ReceiveMessagesAsync()).Value;
            if (messages.Length > 0)
            {
                return messages[0];
            }

            // Polling the condition with a deadline; the service offers no notification.
            await Task.Delay(200);
        }

        throw new TimeoutException("The message did not become visible again.");
    }

    private async Task<QueueClient> NewQueueAsync(QueueMessageEncoding encoding = QueueMessageEncoding.None)
    {
        var queue = new QueueClient(azurite.ConnectionString, AzuriteFixture.UniqueName("q"), new QueueClientOptions { MessageEncoding = encoding });
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
