using System.Net;
using System.Text;

namespace Outreach.DevHost.Tests.Worker;

/// <summary>
/// The test worker, a real .NET isolated worker, under DevHost: each trigger kind DevHost plays reaches its function over
/// gRPC, and what the function returns comes back out (queue outputs, HTTP responses).
/// </summary>
public sealed class WorkerFunctionsTests(TestWorkerHostFixture fixture) : IClassFixture<TestWorkerHostFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task QueueTrigger_MessageOnInputQueue_InvokesFunctionWithMetadataAndWritesEachReturnedElementToOutputQueue()
    {
        await QueueProbe.SendAsync(fixture.ConnectionString, fixture.Settings.EchoInputQueue, "hej æøå");

        var outputs = await Eventually.UntilAsync(
            () => QueueProbe.PeekAsync(fixture.ConnectionString, fixture.Settings.EchoOutputQueue),
            messages => messages.Count >= 2,
            Deadline,
            "two messages on the output queue\n" + fixture.RecentLog);

        Assert.Equal(["hej æøå-1", "hej æøå-2"], outputs.Order(StringComparer.Ordinal));

        // The function's own log line (an RpcLog over the stream) shows the trigger metadata it was bound from.
        Assert.Contains(fixture.LogLines, line => line.Contains("Echo of message", StringComparison.Ordinal) && line.EndsWith("dequeue count 1", StringComparison.Ordinal));
        await Eventually.UntilAsync(
            () => QueueProbe.PeekAsync(fixture.ConnectionString, fixture.Settings.EchoInputQueue),
            messages => messages.Count == 0,
            Deadline,
            "the input message deleted after the successful invocation");
    }

    [Fact]
    public async Task QueueTrigger_FunctionAlwaysFails_IsTriedMaxDequeueCountTimesThenMovedToPoisonQueue()
    {
        await QueueProbe.SendAsync(fixture.ConnectionString, fixture.Settings.FailQueue, "not acceptable");

        var poisoned = await Eventually.UntilAsync(
            () => QueueProbe.PeekAsync(fixture.ConnectionString, fixture.Settings.FailQueue + "-poison"),
            messages => messages.Count > 0,
            Deadline,
            "the message in the poison queue\n" + fixture.RecentLog);

        // host.json of the test worker: maxDequeueCount 3, visibilityTimeout 0.
        Assert.Equal(["not acceptable"], poisoned);
        var attempts = fixture.Host.RecentInvocations.Where(record => record.FunctionName == "Fail").ToList();
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, attempt => Assert.Contains("Failing on purpose", attempt.FailureReason, StringComparison.Ordinal));
        Assert.Empty(await QueueProbe.PeekAsync(fixture.ConnectionString, fixture.Settings.FailQueue));
        Assert.Contains(fixture.LogLines, line => line.Contains("Moving message to queue '" + fixture.Settings.FailQueue + "-poison'", StringComparison.Ordinal) &&
                                                  line.Contains("Failing on purpose", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TimerTrigger_RunOnStartup_FiresOnceAtStartWithoutScheduleStatus()
    {
        var ticks = await Eventually.UntilAsync(
            () => QueueProbe.PeekAsync(fixture.ConnectionString, fixture.Settings.TickQueue),
            messages => messages.Count > 0,
            Deadline,
            "the timer's output message\n" + fixture.RecentLog);

        Assert.Equal(["tick pastDue=False status=False"], ticks);
    }

    [Fact]
    public async Task HttpTrigger_RequestOnDevHostPort_ReachesFunctionThroughProxyWithStatusBodyAndHeadersIntact()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.HttpBaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/hello/verden?x=1")
        {
            Content = new StringContent("brødtekst", Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("X-Test", "header-value");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("POST hello verden: brødtekst", await response.Content.ReadAsStringAsync());
        Assert.Equal("header-value", Assert.Single(response.Headers.GetValues("X-Test-Echo")));
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task HttpTrigger_ChunkedBodyWithoutContentLength_ReachesFunctionWhole()
    {
        // Arrange: what JsonContent and other streamed contents send.
        using var client = new HttpClient { BaseAddress = fixture.Host.HttpBaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/hello/verden")
        {
            Content = new StringContent(new string('æ', 20_000), Encoding.UTF8, "text/plain"),
        };
        request.Headers.TransferEncodingChunked = true;

        // Act
        using var response = await client.SendAsync(request);

        // Assert
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("POST hello verden: " + new string('æ', 20_000), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Http_UnknownRouteOrMethod_Answers404WithoutInvokingAFunction()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.HttpBaseAddress };

        using var unknown = await client.GetAsync("api/goodbye/verden");
        using var wrongMethod = await client.DeleteAsync("api/hello/verden");

        // As the Functions host: a route whose methods do not include the request's is not found.
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongMethod.StatusCode);
    }

    [Fact]
    public async Task QueueTrigger_MoreMessagesThanABatch_RunsInParallelButNeverMoreThanBatchSizePlusNewBatchThreshold()
    {
        const int messages = 12;
        for (var i = 0; i < messages; i++)
        {
            await QueueProbe.SendAsync(fixture.ConnectionString, fixture.Settings.SlowQueue, "slow " + i);
        }

        var runs = await Eventually.UntilAsync(
            () => fixture.Host.RecentInvocations.Where(record => record.FunctionName == "Slow").ToList(),
            records => records.Count == messages,
            Deadline,
            "every slow message processed\n" + fixture.RecentLog);

        // host.json of the test worker: batchSize 4, newBatchThreshold 2, so at most 6 at once.
        var mostAtOnce = runs.Max(run => runs.Count(other => other.Started <= run.Started && run.Started < other.Started + other.Duration));
        Assert.InRange(mostAtOnce, 2, 6);
        Assert.All(runs, run => Assert.True(run.Succeeded, run.FailureReason));
    }
}
