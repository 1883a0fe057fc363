using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Outreach.Core.Storage;
using Outreach.DevHost.Hosting;
using Outreach.Testing.Azurite;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests.Hosting;

/// <summary>DevHost's queue trigger against Azurite and a loopback handler: the storage extension's semantics (reference §3.1, §5.1).</summary>
[Collection(AzuriteTests.Name)]
public sealed class QueueTriggerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QueueTrigger_TenMessages_RunsAtMostBatchSizePlusThresholdAtOnceAndWritesOutputs()
    {
        var (work, done) = (AzuriteFixture.UniqueName("work"), AzuriteFixture.UniqueName("done"));
        await using var handler = await FakeHandler.StartAsync(async invocation =>
        {
            // Long enough for the invocations of one batch to overlap.
            await Task.Delay(TimeSpan.FromMilliseconds(300));
            return (HttpStatusCode.OK, new JsonObject { ["done"] = new JsonArray("done:" + invocation.MessageText("item")) });
        });
        using var app = WorkApp(work, done, batchSize: 2, newBatchThreshold: 1, maxDequeueCount: 3);
        var queue = await CreateQueueAsync(work);
        for (var i = 0; i < 10; i++)
        {
            await queue.SendMessageAsync(Base64($"ok:{i}"));
        }

        await using var host = await StartAsync(app, handler);
        var doneQueue = new QueueClient(azurite.ConnectionString, done, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var results = await Eventually.UntilAsync(
            async () => (await doneQueue.PeekMessagesAsync(32)).Value.Select(message => FromBase64(message.MessageText)).Order(StringComparer.Ordinal).ToList(),
            messages => messages.Count >= 10,
            Deadline,
            "ten output messages");

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"done:ok:{i}").Order(StringComparer.Ordinal), results);
        Assert.InRange(handler.MaxConcurrentInvocations, 2, 3);
        Assert.All(handler.Received, invocation => Assert.Equal("1", invocation.DequeueCount));
        await Eventually.UntilAsync(async () => (await queue.PeekMessagesAsync(32)).Value.Length, count => count == 0, Deadline, "the work queue to be empty");
    }

    [Fact]
    public async Task QueueTrigger_HandlerAlwaysFails_RetriedWithRisingDequeueCountThenPoisoned()
    {
        var (work, done) = (AzuriteFixture.UniqueName("work"), AzuriteFixture.UniqueName("done"));
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.InternalServerError, null)));
        using var app = WorkApp(work, done, batchSize: 4, newBatchThreshold: 2, maxDequeueCount: 3);
        var queue = await CreateQueueAsync(work);
        await queue.SendMessageAsync(Base64("fails every time"));

        await using var host = await StartAsync(app, handler);
        var poison = await PoisonedAsync(work + "-poison");

        Assert.Equal("fails every time", FromBase64(poison));
        Assert.Equal(["1", "2", "3"], handler.Received.Select(invocation => invocation.DequeueCount));
        Assert.Empty((await queue.PeekMessagesAsync(32)).Value);
        Assert.Equal(3, host.RecentInvocations.Count(record => !record.Succeeded));
    }

    [Fact]
    public async Task QueueTrigger_MessageNotBase64_PoisonedWithoutCallingTheFunction()
    {
        var (work, done) = (AzuriteFixture.UniqueName("work"), AzuriteFixture.UniqueName("done"));
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.OK, null)));
        using var app = WorkApp(work, done, batchSize: 4, newBatchThreshold: 2, maxDequeueCount: 2);
        var queue = await CreateQueueAsync(work);
        await queue.SendMessageAsync("{\"not\":\"base64\"}");

        await using var host = await StartAsync(app, handler);
        var poison = await PoisonedAsync(work + "-poison");

        Assert.Equal("{\"not\":\"base64\"}", poison);
        Assert.Empty(handler.Received);
    }

    private async Task<FunctionHost> StartAsync(TestApp app, FakeHandler handler) =>
        await FunctionHost.StartAsync(
            new DevHostOptions { AppRoot = app.Root, HandlerUrl = handler.BaseAddress, Port = 0 },
            TestLogging.For(output));

    private async Task<string> PoisonedAsync(string poisonQueueName)
    {
        var poisonQueue = new QueueClient(azurite.ConnectionString, poisonQueueName, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var messages = await Eventually.UntilAsync(
            async () => await poisonQueue.ExistsAsync() ? (await poisonQueue.PeekMessagesAsync(32)).Value : [],
            found => found.Length > 0,
            Deadline,
            $"a message in {poisonQueueName}");
        return Assert.Single(messages).MessageText;
    }

    private async Task<QueueClient> CreateQueueAsync(string name)
    {
        var queue = new QueueClient(azurite.ConnectionString, name, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private TestApp WorkApp(string work, string done, int batchSize, int newBatchThreshold, int maxDequeueCount) =>
        new(
            new JsonObject
            {
                ["batchSize"] = batchSize,
                ["newBatchThreshold"] = newBatchThreshold,
                ["maxDequeueCount"] = maxDequeueCount,
                ["visibilityTimeout"] = "00:00:00",
                ["maxPollingInterval"] = "00:00:00.200",
            },
            new Dictionary<string, string>
            {
                ["Work"] = $$"""
                    {"bindings":[
                      {"name":"item","type":"queueTrigger","direction":"in","queueName":"{{work}}","connection":"AzureWebJobsStorage"},
                      {"name":"done","type":"queue","direction":"out","queueName":"{{done}}","connection":"AzureWebJobsStorage"}]}
                    """,
            },
            azurite.ConnectionString);

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string FromBase64(string text) => Encoding.UTF8.GetString(Convert.FromBase64String(text));
}
