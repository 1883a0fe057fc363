using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Outreach.Core.Storage;
using Outreach.DevHost.Azurite;
using Outreach.DevHost.Handler;
using Outreach.Testing.Logging;

namespace Outreach.Functions.Tests.Hosting;

/// <summary>
/// Azurite plus the built handler in its own process, started as the Functions host starts it (DevHost's
/// <see cref="HandlerProcess"/>: port in <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>, settings as environment variables, ready once
/// <c>GET /</c> answers), with a small leaders CSV and a temporary outbox.
/// </summary>
public sealed class HandlerProcessFixture : IAsyncLifetime
{
    private readonly RecordingLoggerProvider log = new();
    private ILoggerFactory? loggerFactory;
    private AzuriteLauncher? azurite;

    /// <summary>The running handler.</summary>
    public HandlerProcess Handler { get; private set; } = null!;

    /// <summary>The storage the handler uses.</summary>
    public string StorageConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Azurite is not started.");

    /// <summary>A client for the handler's own address, as the host calls it.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>Everything the handler wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output => log.Text;

    /// <summary>Where the handler writes its letters.</summary>
    public string Outbox { get; } = Path.Combine(Path.GetTempPath(), "outreach-handler-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Outbox);
        var leaders = Path.Combine(Outbox, "leaders.csv");
        await File.WriteAllTextAsync(leaders, """
            district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member
            storkobenhavn,hp-1,Mette Søndergaard,mette.handler@example.org,Forstander,Bostedet Lærkevej,København,2026-11-01,yes
            storkobenhavn,hp-2,Jonas Ærebo,jonas.handler@example.org,Afdelingsleder,Botilbuddet Åbrinken,Frederiksberg,2026-10-15,no
            nordjylland,hp-3,Birthe Kjær,birthe.handler@example.org,Institutionsleder,Opholdsstedet Fjorden,Aalborg,2026-11-20,unknown

            """, new UTF8Encoding(false));

        azurite = await AzuriteLauncher.StartAsync();
        var settings = RepositoryFiles.SampleSettings().ToDictionary(StringComparer.Ordinal);
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["Outreach__Sources__File"] = leaders;
        settings["Outreach__Mail__Mode"] = "Outbox";
        settings["Outreach__Mail__OutboxPath"] = Path.Combine(Outbox, "mail");
        settings["Outreach__Mail__PrintPath"] = Path.Combine(Outbox, "print");
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(log));
        Handler = await HandlerProcess.StartAsync(HandlerAssembly, RepositoryFiles.Root, settings, TimeSpan.FromSeconds(60), loggerFactory, CancellationToken.None);
        Client = new HttpClient { BaseAddress = Handler.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Handler is not null)
        {
            await Handler.DisposeAsync();
        }

        loggerFactory?.Dispose();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        Directory.Delete(Outbox, recursive: true);
    }

    private static string HandlerAssembly =>
        Path.Combine(RepositoryFiles.Root, "src", "Functions", "bin", RepositoryFiles.Configuration, "net10.0", "Outreach.Functions.dll");
}

/// <summary>Drives every payload function of the built handler with bodies in the host's exact format.</summary>
public sealed class HandlerProcessTests : IClassFixture<HandlerProcessFixture>
{
    private readonly HandlerProcessFixture fixture;

    public HandlerProcessTests(HandlerProcessFixture fixture) => this.fixture = fixture;

    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Readiness_HandlerStartedWithThePortVariable_AnswersOnLoopback()
    {
        // Act
        using var response = await Client.GetAsync(new Uri("/", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Functions_DiscoverThenWelcomeThenSweep_QueueOneWelcomeEachAndWriteOneLetterEach()
    {
        // Act: the timer fires with ScheduleStatus null, as with useMonitor off or on a first run.
        var discovery = await InvokeAsync("DiscoverLeaders", HostPayloads.TimerWithoutStatus("DiscoverLeaders"));

        // Assert: the answer the host needs, with the queue output as an array of strings.
        Assert.Equal(HttpStatusCode.OK, discovery.Status);
        Assert.Equal("application/json", discovery.ContentType);
        // Discovery queues the welcomes itself, in batches as it goes.
        var welcomeQueue = new QueueClient(
            fixture.StorageConnectionString, StorageNames.WelcomeQueue, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });
        var received = (await welcomeQueue.ReceiveMessagesAsync(32)).Value;
        foreach (var message in received)
        {
            await welcomeQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        var welcomes = received.Select(message => message.MessageText).ToList();
        Assert.Equal(3, welcomes.Count);
        Assert.All(welcomes, message => Assert.False(string.IsNullOrEmpty(JsonNode.Parse(message)!["leaderId"]?.GetValue<string>())));

        // Act: the host delivers each output message to SendWelcome, the message text JSON-encoded a second time.
        foreach (var message in welcomes)
        {
            var sent = await InvokeAsync("SendWelcome", HostPayloads.Queue(message));
            Assert.True(sent.Status == HttpStatusCode.OK, $"SendWelcome answered {sent.Status}: {sent.Body}{Environment.NewLine}{fixture.Output}");
        }

        // A redelivered message (dequeue count 2) sends nothing more.
        var again = await InvokeAsync("SendWelcome", HostPayloads.Queue(welcomes[0], dequeueCount: 2));
        var secondDiscovery = await InvokeAsync("DiscoverLeaders", HostPayloads.TimerWithStatus("DiscoverLeaders"));
        var sweep = await InvokeAsync("FollowUpSweep", HostPayloads.TimerWithoutStatus("FollowUpSweep"));

        // Assert
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(3, Directory.GetFiles(Path.Combine(fixture.Outbox, "mail"), "*.eml").Length);
        Assert.Equal(HttpStatusCode.OK, secondDiscovery.Status);
        Assert.Empty((await welcomeQueue.PeekMessagesAsync(32)).Value); // everybody was welcomed: nothing queued again
        Assert.Equal(HttpStatusCode.OK, sweep.Status);
        Assert.Empty(sweep.Body["Outputs"]!["followUps"]!.AsArray()); // nobody was welcomed 30 days ago
    }

    [Fact]
    public async Task SendFollowUp_LeaderThatDoesNotExist_CompletesWithoutSending()
    {
        // Arrange
        var item = """{"district":"storkobenhavn","leaderId":"l00000000000000000000","followUpNumber":1}""";

        // Act
        var answer = await InvokeAsync("SendFollowUp", HostPayloads.Queue(item, functionName: "SendFollowUp"));

        // Assert: a work item for a vanished leader is done, not retried into the poison queue.
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("application/json", answer.ContentType);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"district":"storkobenhavn"}""")]
    [InlineData("null")]
    public async Task SendWelcome_MalformedMessage_FailsTheInvocationAndTheHandlerKeepsServing(string messageText)
    {
        // Act
        var answer = await InvokeAsync("SendWelcome", HostPayloads.Queue(messageText));
        using var probe = await Client.GetAsync(new Uri("/", UriKind.Relative));

        // Assert: a non-2xx fails the invocation, so the host retries and finally poisons the message.
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.False(fixture.Handler.Exited.IsCompleted);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public async Task Invoke_BodyThatIsNotTheEnvelope_Answers400()
    {
        // Act
        var answer = await InvokeAsync("SendWelcome", "[1,2,3]");

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task Invoke_UnknownFunctionName_Answers404ProblemDetails()
    {
        // Act
        var answer = await InvokeAsync("SendWelcomes", HostPayloads.Queue("{}"));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
    }

    private async Task<Answer> InvokeAsync(string functionName, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/" + functionName, UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var json = text.Length > 0 ? JsonNode.Parse(text)!.AsObject() : [];
        return new Answer(response.StatusCode, response.Content.Headers.ContentType?.MediaType, json);
    }

    private sealed record Answer(HttpStatusCode Status, string? ContentType, JsonObject Body);
}
