using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Outreach.DevHost.Azurite;
using Outreach.Testing.Processes;
using Xunit.Abstractions;

namespace Outreach.EndToEnd.Tests.Campaigns;

/// <summary>
/// A campaign to 2,000 list rows through the staff API of the real worker under DevHost (its own process, outbox mode),
/// approved by a second staff member and sent; then a fault while the batches go out: DevHost's whole process group
/// killed (SIGKILL, a crash) and started again, or storage gone for 10 s. Afterwards every recipient has exactly one
/// letter, or is outcome unknown in a batch the fault cut (never sent twice), and the campaign is sent with counts that
/// add up.
/// </summary>
public sealed partial class CampaignCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Recipients = 2000;
    private const string Author = "local-dev-lise-key-0123456789";
    private const string Approver = "local-dev-mads-key-0123456789";
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SendDeadline = TimeSpan.FromSeconds(120);
    private string location = "";
    private AzuriteLauncher azurite = null!;
    private EndToEndSettings settings = null!;
    private string app = "";

    public async Task InitializeAsync()
    {
        // Our own Azurite (on disk, so that one stopped and started again keeps its data), outside DevHost's process
        // group: killing the group is a crash of the app, not of storage.
        location = Directory.CreateTempSubdirectory("outreach-e2e-azurite-").FullName;
        azurite = await AzuriteLauncher.StartAsync(location);
        settings = new EndToEndSettings(leaderCount: 0, azurite.ConnectionString);
        OpenSendWindowAllDay(settings.Root);

        // DevHost keeps a received message invisible for functionTimeout + 1 minute: a message in flight when the app
        // crashed comes back after 61 s instead of 11 minutes.
        app = AppFolders.WithHostJson(settings.Root, visibilityTimeout: "00:00:01", functionTimeout: "00:00:01");
    }

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        settings.Dispose();
        Directory.Delete(location, recursive: true);
    }

    [Fact]
    public async Task DevHostKilledWhileBatchesGoOut_AfterARestartEveryRecipientOnceOrOutcomeUnknownAndTheCampaignIsSent()
    {
        var clock = Stopwatch.StartNew();
        string campaignId;
        int beforeCrash;
        using (var first = DevHostProcess.Start(Arguments()))
        {
            var (client, worker) = await StartedAsync(first);
            using (client)
            {
                campaignId = await SendCampaignAsync(client);
            }

            await Eventually.UntilAsync(() => Outbox.Count(settings.Outbox), sent => sent > 0, SendDeadline, "the first letters\n" + first.Output);

            // A crash, mid-batch: DevHost's process group and the worker's (DevHost starts it in a group of its own) get
            // SIGKILL at once, as when the machine goes down.
            var (devHostGroup, workerGroup) = (ProcessTree.ProcessGroup(first.Id), ProcessTree.ProcessGroup(worker));
            KillGroup(workerGroup);
            KillGroup(devHostGroup);
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
            await Eventually.UntilAsync(() => ProcessTree.IsRunning(worker), running => !running, TimeSpan.FromSeconds(10), "the worker to die");
            beforeCrash = Outbox.Count(settings.Outbox);
        }

        Assert.True(beforeCrash < Recipients, $"all {Recipients} letters were written before the crash; the test interrupted nothing");
        using (var second = DevHostProcess.Start(Arguments()))
        {
            var (client, _) = await StartedAsync(second);
            using (client)
            {
                await AssertEveryoneOnceOrUnknownAsync(client, campaignId, second);
            }

            ProcessTree.Interrupt(ProcessTree.ProcessGroup(second.Id));
            await second.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        output.WriteLine($"Killed after {beforeCrash} of {Recipients} letters; {clock.Elapsed.TotalSeconds:0} s in all");
    }

    [Fact]
    public async Task StorageGoneFor10SecondsWhileBatchesGoOut_EveryRecipientOnceOrOutcomeUnknownAndTheCampaignIsSent()
    {
        var clock = Stopwatch.StartNew();
        using var devHost = DevHostProcess.Start(Arguments());
        var (client, _) = await StartedAsync(devHost);
        using (client)
        {
            var campaignId = await SendCampaignAsync(client);
            await Eventually.UntilAsync(() => Outbox.Count(settings.Outbox), sent => sent > 0, SendDeadline, "the first letters\n" + devHost.Output);

            // Stopped as a service stops (SIGTERM: Azurite writes its data files), as in the welcome outage test.
            var beforeOutage = Outbox.Count(settings.Outbox);
            var (blob, queue, table) = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
            await azurite.DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(10));
            azurite = await AzuriteLauncher.StartAsync(location, blob, queue, table);

            Assert.True(beforeOutage < Recipients, $"all {Recipients} letters were written before the outage; the test interrupted nothing");
            await AssertEveryoneOnceOrUnknownAsync(client, campaignId, devHost);
            output.WriteLine($"Storage stopped after {beforeOutage} of {Recipients} letters; {clock.Elapsed.TotalSeconds:0} s in all");
        }

        ProcessTree.Interrupt(ProcessTree.ProcessGroup(devHost.Id));
        await devHost.WaitForExitAsync(TimeSpan.FromSeconds(10));
    }

    // The list uploaded, the campaign created by one member, approved by the other, and sent.
    private static async Task<string> SendCampaignAsync(HttpClient client)
    {
        var csv = new StringBuilder("email,name,municipality,role\n");
        for (var i = 0; i < Recipients; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"kandidat{i:0000}@example.org,Kandidat Æblerød {i:0000},Tårnby,Kandidat\n");
        }

        using var upload = await CallAsync(client, HttpMethod.Post, "api/staff/lists?name=Kandidater", Author, new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var list = await upload.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Recipients, list.GetProperty("rows").GetInt32());

        var draft = new JsonObject
        {
            ["district"] = "storkobenhavn",
            ["name"] = "KV: kandidater i Tårnby",
            ["subject"] = "Socialpædagogernes ledere vil gerne møde dig",
            ["category"] = "campaigns",
            ["signedByChair"] = true,
            ["markdown"] = "Kære kandidat\n\nVi vil gerne fortælle om ledernes vilkår i Tårnby.",
            ["audience"] = new JsonObject { ["listId"] = list.GetProperty("id").GetString() },
        };
        using var created = await CallAsync(client, HttpMethod.Post, "api/staff/campaigns", Author, JsonContent.Create(draft));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaignId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var approved = await CallAsync(client, HttpMethod.Post, $"api/staff/campaigns/{campaignId}/approve", Approver, null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        using var sent = await CallAsync(client, HttpMethod.Post, $"api/staff/campaigns/{campaignId}/send", Author, JsonContent.Create(new JsonObject()));
        Assert.True(sent.IsSuccessStatusCode, $"send answered {(int)sent.StatusCode}: {await sent.Content.ReadAsStringAsync()}");
        return campaignId;
    }

    // Waits for the campaign to be sent, then checks the letters against the delivery rows and the counts.
    private async Task AssertEveryoneOnceOrUnknownAsync(HttpClient client, string campaignId, DevHostProcess devHost)
    {
        JsonElement details;
        try
        {
            details = await WaitUntilSentAsync(client, campaignId);
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException(timeout.Message + Environment.NewLine + devHost.Output, timeout);
        }

        var counts = details.GetProperty("counts");
        int Count(string name) => counts.GetProperty(name).GetInt32();
        Assert.Equal(Recipients, Count("planned"));
        Assert.Equal(Count("planned"), Count("sent") + Count("outcomeUnknown") + Count("suppressed") + Count("failed"));

        // Every recipient has one delivery row; sent means exactly one letter; outcome unknown only in a batch found cut
        // (a letter may or may not have been written for it, but never two).
        var (batches, rows) = await ReadBatchesAsync(campaignId);
        var letters = Outbox.ByRecipient(settings.Outbox);
        Assert.Empty(letters.Where(recipient => recipient.Value.Count > 1).Select(recipient => $"{recipient.Key} ×{recipient.Value.Count}"));
        var byKey = Enumerable.Range(0, Recipients).Select(i => string.Create(CultureInfo.InvariantCulture, $"kandidat{i:0000}@example.org"))
            .ToDictionary(Hash, email => email, StringComparer.Ordinal);
        Assert.Equal(byKey.Keys.Order(StringComparer.Ordinal), rows.Select(row => row.Key).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var email = byKey[row.Key];
            if (row.Status == "Sent")
            {
                Assert.True(letters.ContainsKey(email), $"batch {row.Batch} recorded a letter that was not written");
            }
            else
            {
                Assert.Equal(("OutcomeUnknown", "OutcomeUnknown"), (row.Status, batches[row.Batch]));
            }
        }

        Assert.Equal(rows.Count(row => row.Status == "Sent"), Count("sent"));
        Assert.Equal(rows.Count(row => row.Status == "OutcomeUnknown"), Count("outcomeUnknown"));
        Assert.Equal(2, batches.Count);
        output.WriteLine($"Batches: {string.Join(", ", batches.Select(b => $"{b.Key} {b.Value}"))}; letters {letters.Count}; sent {Count("sent")}, outcome unknown {Count("outcomeUnknown")}");
    }

    private static async Task<JsonElement> WaitUntilSentAsync(HttpClient client, string campaignId)
    {
        return await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await CallAsync(client, HttpMethod.Get, $"api/staff/campaigns/{campaignId}", Author, null);
                    return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
                }
                catch (HttpRequestException)
                {
                    return default;
                }
            },
            campaign => campaign.ValueKind == JsonValueKind.Object && campaign.GetProperty("status").GetString() == "Sent",
            SendDeadline,
            "the campaign to be sent");
    }

    // The campaign's batches (status by partition) and delivery rows, straight from the campaignbatches table.
    private async Task<(Dictionary<string, string> Batches, List<(string Batch, string Key, string Status)> Rows)> ReadBatchesAsync(string campaignId)
    {
        var table = new TableClient(azurite.ConnectionString, "campaignbatches");
        var batches = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = new List<(string, string, string)>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {campaignId + "-0"} and PartitionKey lt {campaignId + "-:"}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "Status"]))
        {
            if (entity.RowKey == "!batch")
            {
                batches[entity.PartitionKey] = entity.GetString("Status");
            }
            else
            {
                rows.Add((entity.PartitionKey, entity.RowKey, entity.GetString("Status")));
            }
        }

        return (batches, rows);
    }

    private static async Task<HttpResponseMessage> CallAsync(HttpClient client, HttpMethod method, string path, string key, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Api-Key", key);
        return await client.SendAsync(request);
    }

    // DevHost with storage of its own says where its functions answer and which process the worker is.
    private static async Task<(HttpClient Client, int Worker)> StartedAsync(DevHostProcess devHost)
    {
        var line = await Eventually.UntilAsync(() => devHost.Output, text => StartedLine().IsMatch(text), StartDeadline, "DevHost to start");
        var address = new Uri(StartedLine().Match(line).Groups["address"].Value.TrimEnd('.', '/') + "/");
        var worker = int.Parse(WorkerLine().Match(devHost.Output).Groups["pid"].Value, CultureInfo.InvariantCulture);
        return (new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) }, worker);
    }

    private static string Hash(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private static void KillGroup(int group)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-KILL", "--", "-" + group.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    // The sample districts, every one sending all day, so that the test does not depend on the hour it runs.
    private static void OpenSendWindowAllDay(string root)
    {
        var districts = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "config", "districts.json")))!;
        foreach (var district in districts["Outreach"]!["Districts"]!.AsArray())
        {
            district!["SendWindow"] = new JsonObject { ["Start"] = "00:00", ["End"] = "00:00" };
        }

        var file = Path.Combine(root, "districts.json");
        File.WriteAllText(file, districts.ToJsonString());
        var path = Path.Combine(root, "local.settings.json");
        var local = JsonNode.Parse(File.ReadAllText(path))!;
        local["Values"]!["Outreach__DistrictsFile"] = file;
        File.WriteAllText(path, local.ToJsonString());
    }

    private string[] Arguments() => ["--app", app, "--settings-root", settings.Root, "--port", "0"];

    [GeneratedRegex(@"Functions answer on (?<address>http://[^\s(]+)")]
    private static partial Regex StartedLine();

    [GeneratedRegex(@"Starting the worker .* \(process (?<pid>\d+)\)")]
    private static partial Regex WorkerLine();
}
