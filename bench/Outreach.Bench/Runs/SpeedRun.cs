using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Hosting;
using Outreach.Bench.Measuring;
using Outreach.Bench.Reporting;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;

namespace Outreach.Bench.Runs;

/// <summary>The speed run: seed, the batched send, the per-recipient baseline, the targets, bench/results/latest.json.</summary>
internal static class SpeedRun
{
    public static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        var recipients = arguments.Int("recipients", 100_000);
        var latencyMs = arguments.Int("latency-ms", 0);
        var baselineRecipients = Math.Min(recipients, arguments.OptionalInt("baseline-recipients") ?? recipients);
        var listSize = arguments.Int("list-size", 5_000);
        var host = HostQueueSettings.Read();
        var concurrency = arguments.Int("concurrency", host.MaxInFlight);
        var timeout = TimeSpan.FromSeconds(arguments.Int("timeout-seconds", 900));
        var output = arguments.Text("out") ?? Path.Combine(RepositoryRoot.Path, "bench", "results", "latest.json");
        var machine = Machine.Describe();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Outreach.Bench: {recipients} recipients, fake SendGrid latency {latencyMs} ms, {concurrency} batch consumers (host.json batchSize {host.BatchSize} + newBatchThreshold {host.NewBatchThreshold}), baseline on {baselineRecipients}"));
        Console.WriteLine("machine: " + Machine.Summary(machine));

        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken);
        await using var fake = await FakeSendGridProcess.StartAsync(latencyMs, FaultScenario.None, 0, null, 0, recordKeys: false, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Azurite pid {azurite.ProcessId} (tables :{azurite.TablePort}, queues :{azurite.QueuePort}); fake SendGrid pid {fake.ProcessId} at {fake.BaseUrl}"));

        var prefix = "r" + Guid.NewGuid().ToString("N")[..6];
        Console.WriteLine("seeding (not timed, in a child process) ...");
        var seedClock = Stopwatch.StartNew();
        var lists = await Seeder.SeedAsync(azurite.ConnectionString, recipients, listSize, prefix, cancellationToken);
        var seedSeconds = seedClock.Elapsed.TotalSeconds;

        var times = new BusyTimes();
        var counter = new StorageRequestCounter { TablePort = azurite.TablePort, QueuePort = azurite.QueuePort, Times = times };
        var folder = Path.Combine(Path.GetTempPath(), "outreach-bench-" + prefix);
        try
        {
            await using var services = await BenchServices.StartAsync(azurite.ConnectionString, fake.BaseUrl, folder, counter, arguments.Has("verbose"), cancellationToken: cancellationToken);
            Console.WriteLine("batched send (timed: send request -> planning -> campaign-batches -> CampaignBatchSender -> delivery rows) ...");
            var batched = await BatchedSendRun.RunAsync(services, fake, counter, host, concurrency, lists, BenchNewsletter.Month(0), duplicateDelivery: false, timeout, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  done: {batched.WallSeconds:0.00} s, {batched.Batches} batches, campaign {batched.Status}"));

            BaselineResult? baseline = null;
            if (baselineRecipients > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"per-recipient baseline on {baselineRecipients} recipients (render + one request + one row each, {concurrency} at once) ..."));
                var campaign = (await services.GetRequiredService<CampaignService>().GetAsync(batched.CampaignId, cancellationToken))?.Campaign
                    ?? throw new InvalidOperationException("The campaign is gone.");
                baseline = await BaselineRun.RunAsync(services, fake, counter, campaign, prefix, baselineRecipients, concurrency, cancellationToken);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  done: {baseline.Seconds:0.00} s, {baseline.Failures} failures"));
            }

            var report = Report(recipients, latencyMs, concurrency, host, listSize, seedSeconds, batched, baseline, machine, out var table, out var targets);
            var busy = times.Snapshot();
            report["busyTime"] = BusyReport.ToJson(busy, ["request", "planning", "dispatch", "baseline"]);
            Console.WriteLine();
            ReportTable.Print(table);
            Console.WriteLine("where the time goes (busy time: summed over calls that overlap, so it can exceed the wall time):");
            BusyReport.Print(busy, ["request", "planning", "dispatch", "baseline"]);
            Console.WriteLine("targets (issue 12):");
            ReportTable.PrintTargets(targets);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            await File.WriteAllTextAsync(output, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
            Console.WriteLine("written: " + Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(output)));
            return targets.All(target => target.Pass) ? 0 : 1;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static JsonObject Report(
        int recipients,
        int latencyMs,
        int concurrency,
        HostQueueSettings host,
        int listSize,
        double seedSeconds,
        BatchedSendResult batched,
        BaselineResult? baseline,
        JsonObject machine,
        out List<(string Name, string Value)> table,
        out List<TargetCheck> targets)
    {
        var inv = CultureInfo.InvariantCulture;
        var variants = batched.SendGrid.BatchVariants;
        var expectedRequests = variants.Values.Sum(count => (count + CampaignBatch.MaxRecipients - 1) / CampaignBatch.MaxRecipients);
        var tableTransactions = batched.Request.TableTransactions + batched.Planning.TableTransactions + batched.Dispatch.TableTransactions;
        var tableReads = batched.Request.TableReads + batched.Planning.TableReads + batched.Dispatch.TableReads;
        var tableLimit = (recipients + 99) / 100 + batched.Batches;
        var mailsPerSecond = batched.Counts.Sent / batched.WallSeconds;
        double? baselineWall = baseline is null ? null : baseline.Seconds * recipients / baseline.Recipients;
        double? speedup = baselineWall / batched.WallSeconds;
        var counts = batched.Counts;
        var rows = batched.Deliveries;
        var exactlyOnce = !batched.TimedOut && counts.Planned == recipients && counts.Sent == recipients && counts.OutcomeUnknown == 0 && counts.Failed == 0
            && batched.SendGrid.PersonalizationsAccepted == recipients
            && rows.Rows == recipients && rows.StatusByRecipient.Count == recipients && rows.Count("Sent") == recipients && rows.RecipientsInSeveralRows == 0;

        targets =
        [
            new("sendgridRequests", "= ceil(n/1000) per variant", string.Create(inv, $"{batched.SendGrid.Requests} (expected {expectedRequests} for {variants.Count} variant(s))"), batched.SendGrid.Requests == expectedRequests && expectedRequests > 0),
            new("tableTransactions", string.Create(inv, $"<= ceil(N/100) + batches = {tableLimit}"),
                string.Create(inv, $"{tableTransactions} (request {batched.Request.TableTransactions}, planning {batched.Planning.TableTransactions}, dispatch {batched.Dispatch.TableTransactions})"), tableTransactions <= tableLimit),
            new("wallSeconds", "< 20 s", string.Create(inv, $"{batched.WallSeconds:0.00} s"), !batched.TimedOut && batched.WallSeconds < 20),
            new("speedup", ">= 10x the per-recipient baseline", speedup is { } ratio ? string.Create(inv, $"{ratio:0.0}x ({baselineWall:0.0} s{(baseline!.Recipients < recipients ? ", scaled from " + baseline.Recipients.ToString(inv) : "")})") : "no baseline run", speedup >= 10),
            new("peakWorkingSetMb", "< 300 MB", string.Create(inv, $"{batched.PeakWorkingSetMb:0} MB (managed heap peak {batched.PeakManagedHeapMb:0} MB)"), batched.PeakWorkingSetMb < 300),
            new("exactlyOnce", "every recipient exactly one Sent", string.Create(inv, $"planned {counts.Planned}, sent {counts.Sent}, unknown {counts.OutcomeUnknown}, suppressed {counts.Suppressed}, failed {counts.Failed}; SendGrid took {batched.SendGrid.PersonalizationsAccepted}; delivery rows {rows.Rows} for {rows.StatusByRecipient.Count} recipients, {rows.Count("Sent")} Sent"), exactlyOnce),
        ];

        table =
        [
            ("recipients", recipients.ToString(inv)),
            ("variants", variants.Count.ToString(inv)),
            ("batches", batched.Batches.ToString(inv)),
            ("sendgridRequests", string.Create(inv, $"{batched.SendGrid.Requests} ({batched.SendGrid.BodyBytes / 1024d / 1024d:0.0} MB of bodies, largest {batched.SendGrid.LargestBodyBytes / 1024d:0} KB)")),
            ("tableTransactions", string.Create(inv, $"{tableTransactions} = request {batched.Request.TableTransactions} + planning {batched.Planning.TableTransactions} + dispatch {batched.Dispatch.TableTransactions}")),
            ("  of which $batch", string.Create(inv, $"{batched.Request.TableBatchTransactions + batched.Planning.TableBatchTransactions + batched.Dispatch.TableBatchTransactions}")),
            ("tableReads", string.Create(inv, $"{tableReads} = request {batched.Request.TableReads} + planning {batched.Planning.TableReads} + dispatch {batched.Dispatch.TableReads}")),
            ("queueRequests", string.Create(inv, $"request {batched.Request.QueueRequests}, planning {batched.Planning.QueueRequests}, dispatch {batched.Dispatch.QueueRequests}, host polling/deletes {batched.QueueHost.QueueRequests}")),
            ("wallSeconds", string.Create(inv, $"{batched.WallSeconds:0.00}")),
            ("planningSeconds", string.Create(inv, $"{batched.PlanningSeconds:0.00} (send request to plan done)")),
            ("mailsPerSecond", string.Create(inv, $"{mailsPerSecond:0}")),
            ("peakWorkingSetMb", string.Create(inv, $"{batched.PeakWorkingSetMb:0} (at start {batched.WorkingSetAtStartMb:0}, managed heap peak {batched.PeakManagedHeapMb:0})")),
            ("baselineRecipients", baseline is null ? "-" : baseline.Recipients.ToString(inv)),
            ("baselineWallSeconds", baseline is null ? "-" : string.Create(inv, $"{baselineWall:0.00}{(baseline.Recipients < recipients ? string.Create(inv, $" (scaled from {baseline.Seconds:0.00} s on {baseline.Recipients})") : "")}")),
            ("baseline requests / rows", baseline is null ? "-" : string.Create(inv, $"{baseline.SendGrid.Requests} / {baseline.Storage.TableTransactions}, {baseline.Failures} failures, peak {baseline.PeakWorkingSetMb:0} MB")),
            ("speedup", speedup is { } x ? string.Create(inv, $"{x:0.0}x") : "-"),
            ("campaign", string.Create(inv, $"{batched.Status}; planned {counts.Planned}, sent {counts.Sent}, unknown {counts.OutcomeUnknown}, suppressed {counts.Suppressed}, failed {counts.Failed}")),
            ("batch outcomes", string.Join(", ", batched.Outcomes.Select(pair => string.Create(inv, $"{pair.Key} {pair.Value}")))),
            ("delivery rows", string.Create(inv, $"{rows.Rows} rows, {rows.StatusByRecipient.Count} recipients, {rows.Count("Sent")} Sent, {rows.RecipientsInSeveralRows} recipients in more than one row")),
            ("handler failures", string.Create(inv, $"{batched.HandlerFailures} (poisoned {batched.Poisoned}){(batched.LastFailure is null ? "" : "; last: " + batched.LastFailure)}")),
        ];

        return new JsonObject
        {
            ["recipients"] = recipients,
            ["variants"] = variants.Count,
            ["batches"] = batched.Batches,
            ["sendgridRequests"] = batched.SendGrid.Requests,
            ["expectedSendgridRequests"] = expectedRequests,
            ["tableTransactions"] = tableTransactions,
            ["tableTransactionsLimit"] = tableLimit,
            ["tableTransactionsBreakdown"] = new JsonObject
            {
                ["request"] = Breakdown(batched.Request),
                ["planning"] = Breakdown(batched.Planning),
                ["dispatch"] = Breakdown(batched.Dispatch),
            },
            ["tableReads"] = tableReads,
            ["tableReadsBreakdown"] = new JsonObject
            {
                ["request"] = batched.Request.TableReads,
                ["planning"] = batched.Planning.TableReads,
                ["dispatch"] = batched.Dispatch.TableReads,
            },
            ["queueRequests"] = new JsonObject
            {
                ["request"] = batched.Request.QueueRequests,
                ["planning"] = batched.Planning.QueueRequests,
                ["dispatch"] = batched.Dispatch.QueueRequests,
                ["hostPollingAndDeletes"] = batched.QueueHost.QueueRequests,
            },
            ["wallSeconds"] = Math.Round(batched.WallSeconds, 3),
            ["planningSeconds"] = double.IsNaN(batched.PlanningSeconds) ? null : Math.Round(batched.PlanningSeconds, 3),
            ["mailsPerSecond"] = Math.Round(mailsPerSecond),
            ["peakWorkingSetMb"] = Math.Round(batched.PeakWorkingSetMb, 1),
            ["peakManagedHeapMb"] = Math.Round(batched.PeakManagedHeapMb, 1),
            ["workingSetAtStartMb"] = Math.Round(batched.WorkingSetAtStartMb, 1),
            ["baselineRecipients"] = baseline?.Recipients,
            ["baselineMeasuredSeconds"] = baseline is null ? null : Math.Round(baseline.Seconds, 3),
            ["baselineWallSeconds"] = baselineWall is { } wall ? Math.Round(wall, 3) : null,
            ["baselineScaled"] = baseline is not null && baseline.Recipients < recipients,
            ["baselineMailsPerSecond"] = baseline is null ? null : Math.Round(baseline.Recipients / baseline.Seconds),
            ["baselineSendgridRequests"] = baseline?.SendGrid.Requests,
            ["baselineTableTransactions"] = baseline?.Storage.TableTransactions,
            ["baselineFailures"] = baseline?.Failures,
            ["baselinePeakWorkingSetMb"] = baseline is null ? null : Math.Round(baseline.PeakWorkingSetMb, 1),
            ["speedup"] = speedup is { } factor ? Math.Round(factor, 2) : null,
            ["campaign"] = new JsonObject
            {
                ["id"] = batched.CampaignId,
                ["status"] = batched.Status.ToString(),
                ["planned"] = counts.Planned,
                ["sent"] = counts.Sent,
                ["outcomeUnknown"] = counts.OutcomeUnknown,
                ["suppressed"] = counts.Suppressed,
                ["failed"] = counts.Failed,
                ["batchOutcomes"] = new JsonObject(batched.Outcomes.Select(pair => KeyValuePair.Create(pair.Key.ToString(), (JsonNode?)pair.Value))),
                ["handlerFailures"] = batched.HandlerFailures,
                ["poisoned"] = batched.Poisoned,
                ["lastFailure"] = batched.LastFailure,
                ["timedOut"] = batched.TimedOut,
                ["deliveryRows"] = rows.Rows,
                ["deliveryRowsSent"] = rows.Count("Sent"),
                ["recipientsWithARow"] = rows.StatusByRecipient.Count,
                ["recipientsInSeveralRows"] = rows.RecipientsInSeveralRows,
            },
            ["sendgrid"] = new JsonObject
            {
                ["personalizationsAccepted"] = batched.SendGrid.PersonalizationsAccepted,
                ["requestBodyBytes"] = batched.SendGrid.BodyBytes,
                ["largestRequestBodyBytes"] = batched.SendGrid.LargestBodyBytes,
                ["personalizationsByVariant"] = new JsonObject(variants.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
                ["statuses"] = new JsonObject(batched.SendGrid.Statuses.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            },
            ["settings"] = new JsonObject
            {
                ["latencyMs"] = latencyMs,
                ["concurrency"] = concurrency,
                ["hostBatchSize"] = host.BatchSize,
                ["hostNewBatchThreshold"] = host.NewBatchThreshold,
                ["hostMaxPollingIntervalSeconds"] = host.MaxPollingInterval.TotalSeconds,
                ["listSize"] = listSize,
                ["seedSeconds"] = Math.Round(seedSeconds, 1),
            },
            ["targets"] = ReportTable.ToJson(targets),
            ["machine"] = machine,
            ["date"] = DateTimeOffset.UtcNow.ToString("O", inv),
            ["command"] = "dotnet run -c Release --project bench/Outreach.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        };
    }

    private static JsonObject Breakdown(StorageCounts counts) => new()
    {
        ["batches"] = counts.TableBatchTransactions,
        ["singleWrites"] = counts.TableSingleWrites,
        ["total"] = counts.TableTransactions,
    };
}
