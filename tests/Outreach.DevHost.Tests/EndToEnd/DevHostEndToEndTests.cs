using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Outreach.Core.Storage;
using Outreach.DevHost.Hosting;
using Outreach.Testing.Azurite;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests.EndToEnd;

/// <summary>
/// DevHost with the built handler, Azurite and a small leaders CSV, as a newcomer runs it: the timers fire at start, discovery
/// queues a welcome per new leader, SendWelcome writes one .eml per leader to the outbox; a restart writes nothing new; a
/// malformed message ends in the poison queue.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class DevHostEndToEndTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    // Members only: every one of them is e-mailed (a district may send non-members print letters instead).
    private const string LeadersCsv = """
        district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member
        storkobenhavn,e2e-kbh-1,Mette Søndergaard,mette.e2e@example.org,Forstander,Bostedet Lærkevej,København,2026-11-01,yes
        storkobenhavn,e2e-kbh-2,Jonas Ærebo,jonas.e2e@example.org,Afdelingsleder,Botilbuddet Åbrinken,Frederiksberg,2026-10-15,yes
        nordjylland,e2e-nj-1,Birthe Kjærsgaard,birthe.e2e@example.net,Forstander,Bofællesskabet Hjortø,Aalborg,2026-10-01,yes
        """;

    private readonly AzuriteFixture azurite;
    private readonly ITestOutputHelper output;
    private readonly string appRoot = Directory.CreateTempSubdirectory("devhost-e2e-").FullName;

    public DevHostEndToEndTests(AzuriteFixture azurite, ITestOutputHelper output)
    {
        this.azurite = azurite;
        this.output = output;
        CreateAppRoot();
    }

    private string Outbox => Path.Combine(appRoot, "outbox");

    public void Dispose() => Directory.Delete(appRoot, recursive: true);

    [Fact]
    public async Task RunTwice_SampleLeaders_OneWelcomePerNewLeaderThenNothingNewAndMalformedMessageIsPoisoned()
    {
        using var loggerFactory = TestLogging.For(output);
        var options = new DevHostOptions
        {
            AppRoot = appRoot,
            HandlerAssembly = RepositoryFiles.HandlerAssembly,
            Port = 0,
            RunTimersOnStartup = true,
        };

        // First run: discovery at start-up finds three new leaders and each gets one welcome letter.
        await using (var first = await FunctionHost.StartAsync(options, loggerFactory))
        {
            await Eventually.UntilAsync(() => Letters().Count, count => count >= 3, Deadline, "three welcome letters in the outbox");
            await Eventually.UntilAsync(
                () => first.RecentInvocations.Count(record => record.FunctionName == "SendWelcome" && record.Succeeded),
                count => count == 3,
                Deadline,
                "three successful SendWelcome invocations");
        }

        var lettersAfterFirstRun = Letters();
        Assert.Equal(3, lettersAfterFirstRun.Count);

        // Second run on the same storage: discovery finds nobody new, so nothing is queued and no letter is written.
        await using var second = await FunctionHost.StartAsync(options, loggerFactory);
        var discovery = await Eventually.UntilAsync(
            () => second.RecentInvocations.FirstOrDefault(record => record.FunctionName == "DiscoverLeaders"),
            record => record is not null,
            Deadline,
            "DiscoverLeaders to run at start-up");
        Assert.True(discovery!.Succeeded, discovery.FailureReason);
        Assert.Equal(0, discovery.OutputMessages);
        var welcomeQueue = new QueueClient(second.StorageConnectionString, "welcome-letters", new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        Assert.Empty((await welcomeQueue.PeekMessagesAsync(32)).Value);
        Assert.Equal(lettersAfterFirstRun, Letters());

        // A message that is not a welcome work item fails every attempt and moves to the poison queue, base64 as it was.
        var malformed = Convert.ToBase64String(Encoding.UTF8.GetBytes("this is not a welcome work item"));
        await welcomeQueue.SendMessageAsync(malformed);
        var poisonQueue = new QueueClient(second.StorageConnectionString, "welcome-letters-poison", new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion));
        var poisoned = await Eventually.UntilAsync(
            async () => await poisonQueue.ExistsAsync() ? (await poisonQueue.PeekMessagesAsync(32)).Value : [],
            messages => messages.Length > 0,
            Deadline,
            "the malformed message in welcome-letters-poison");
        Assert.Equal(malformed, Assert.Single(poisoned).MessageText);
        Assert.Equal(2, second.RecentInvocations.Count(record => record.FunctionName == "SendWelcome" && !record.Succeeded));
        Assert.Empty((await welcomeQueue.PeekMessagesAsync(32)).Value);
        Assert.False(second.Failed.IsCompleted, "the handler must survive a malformed message");
        Assert.Equal(lettersAfterFirstRun, Letters());
    }

    [Fact]
    public async Task AzuritePortsFree_DevHostStartsItsOwnAzurite_HandlerUsesItAndItStopsWithDevHost()
    {
        using var loggerFactory = TestLogging.For(output);
        var options = new DevHostOptions
        {
            AppRoot = appRoot,
            HandlerAssembly = RepositoryFiles.HandlerAssembly,
            Port = 0,
            RunTimersOnStartup = true,
            AzuritePorts = AzuritePorts.Free,
        };

        string connectionString;
        await using (var host = await FunctionHost.StartAsync(options, loggerFactory))
        {
            connectionString = host.StorageConnectionString;
            Assert.NotEqual(azurite.ConnectionString, connectionString);
            await Eventually.UntilAsync(() => Letters().Count, count => count >= 3, Deadline, "three welcome letters through DevHost's own Azurite");
        }

        Assert.Equal(3, Letters().Count);
        var queuePort = new QueueServiceClient(connectionString).Uri.Port;
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync("127.0.0.1", queuePort));
    }

    [Fact]
    public async Task HandlerDies_DevHostRestartsIt_AndTheStaffApiAnswersAgain()
    {
        using var loggerFactory = TestLogging.For(output);
        await using var host = await FunctionHost.StartAsync(
            new DevHostOptions { AppRoot = appRoot, HandlerAssembly = RepositoryFiles.HandlerAssembly, Port = 0 }, loggerFactory);
        using var client = new HttpClient { BaseAddress = host.HttpBaseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", "local-dev-staff-key");
        using (var before = await client.GetAsync("api/staff/whoami"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, before.StatusCode);
        }

        var firstProcess = host.HandlerProcessId!.Value;
        using (var process = System.Diagnostics.Process.GetProcessById(firstProcess))
        {
            process.Kill();
        }

        await Eventually.UntilAsync(() => host.HandlerProcessId, id => id is not null && id != firstProcess, Deadline, "a new handler process");
        var status = await Eventually.UntilAsync(
            async () =>
            {
                using var response = await client.GetAsync("api/staff/whoami");
                return response.StatusCode;
            },
            code => code == System.Net.HttpStatusCode.OK,
            Deadline,
            "the staff API to answer through the restarted handler");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.False(host.Failed.IsCompleted);
    }

    private List<string> Letters() =>
        Directory.Exists(Outbox)
            ? Directory.EnumerateFiles(Outbox, "*.eml", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    private void CreateAppRoot()
    {
        // host.json as committed, except that a failed message is retried after 1 s and poisoned after 2 attempts (not 30 s and 5).
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "host.json")))!.AsObject();
        var queues = host["extensions"]!["queues"]!.AsObject();
        queues["visibilityTimeout"] = "00:00:01";
        queues["maxDequeueCount"] = 2;
        queues["maxPollingInterval"] = "00:00:00.500";
        File.WriteAllText(Path.Combine(appRoot, "host.json"), host.ToJsonString());

        foreach (var folder in new[] { "functions", "config", "templates" })
        {
            var source = Path.Combine(RepositoryFiles.Root, folder);
            if (Directory.Exists(source))
            {
                CopyFolder(source, Path.Combine(appRoot, folder));
            }
        }

        File.WriteAllText(Path.Combine(appRoot, "leaders.csv"), LeadersCsv.ReplaceLineEndings("\n") + "\n");

        // The committed sample, pointed at this app root's CSV and outbox and at the test's Azurite (unique table names are not
        // needed: the leaders' source ids are the test's own).
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "local.settings.sample.json")))!.AsObject();
        var values = settings["Values"]!.AsObject();
        values["AzureWebJobsStorage"] = azurite.ConnectionString;
        values["Outreach__Sources__File"] = "leaders.csv";
        values["Outreach__Mail__Mode"] = "Outbox";
        values["Outreach__Mail__OutboxPath"] = "outbox";
        values["Outreach__Mail__PrintPath"] = "outbox/print";
        File.WriteAllText(Path.Combine(appRoot, "local.settings.json"), settings.ToJsonString());
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}
