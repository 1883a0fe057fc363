using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Hosting;
using Outreach.Bench.Measuring;
using Outreach.Bench.Reporting;

namespace Outreach.Bench.Runs;

/// <summary>
/// Fault mode: the same batched send against a fake SendGrid that answers the chosen fault (to the first K requests, or
/// a fraction), one scenario after another on one Azurite and one seeded audience, each with a fresh fake (which then
/// records every delivery key it took) and a fresh app. Reports per scenario what was accepted, what is outcome
/// unknown, the duplicates (a delivery key taken twice) and whether the counts add up; writes bench/results/faults-latest.json.
/// </summary>
internal static class FaultRun
{
    // Short, so the slow scenario does not take long: the fake answers SlowMs after the request, past this.
    private const int ClientTimeoutSeconds = 3;
    private const int SlowMs = 6000;

    public static async Task<int> RunAsync(BenchArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.Required("fault");
        var scenarios = name.Equals("all", StringComparison.OrdinalIgnoreCase)
            ? FaultScenarios.All.Select(entry => entry.Scenario).ToList()
            : [FaultScenarios.Parse(name)];
        var recipients = arguments.Int("recipients", 5_000);
        var faultFirst = arguments.Int("fault-first", 3);
        var faultRate = arguments.OptionalDouble("fault-rate");
        var host = HostQueueSettings.Read();
        var concurrency = arguments.Int("concurrency", host.MaxInFlight);
        var timeout = TimeSpan.FromSeconds(arguments.Int("timeout-seconds", 300));
        var output = arguments.Text("out") ?? Path.Combine(RepositoryRoot.Path, "bench", "results", "faults-latest.json");
        var machine = Machine.Describe();
        var applied = faultRate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"a fraction {rate} of the requests") : string.Create(CultureInfo.InvariantCulture, $"the first {faultFirst} requests");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Outreach.Bench fault mode: {string.Join(", ", scenarios.Select(FaultScenarios.NameOf))} on {applied}; {recipients} recipients; client timeout {ClientTimeoutSeconds} s; failed messages retried after {host.VisibilityTimeout.TotalSeconds} s (host.json)"));
        Console.WriteLine("machine: " + Machine.Summary(machine));

        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken);
        var prefix = "f" + Guid.NewGuid().ToString("N")[..6];
        Console.WriteLine("seeding (not timed) ...");
        var lists = await Seeder.SeedAsync(azurite.ConnectionString, recipients, arguments.Int("list-size", 5_000), prefix, cancellationToken);
        var reports = new JsonArray();
        var allPass = true;
        for (var index = 0; index < scenarios.Count; index++)
        {
            var scenario = scenarios[index];
            Console.WriteLine();
            Console.WriteLine($"scenario {FaultScenarios.NameOf(scenario)} ...");
            try
            {
                var (report, pass) = await RunScenarioAsync(arguments, azurite, host, concurrency, timeout, lists, prefix, index, scenario, recipients, faultFirst, faultRate, cancellationToken);
                allPass &= pass;
                reports.Add(report);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {(pass ? "PASS" : "FAIL")}: {report["requests"]} requests ({report["faultedRequests"]} faulted), SendGrid took {report["personalizationsAccepted"]} personalizations ({report["distinctKeysAccepted"]} distinct, {report["duplicates"]} duplicates); sent {report["sent"]}, unknown {report["outcomeUnknown"]}, failed {report["failed"]} of {report["planned"]}; {report["wallSeconds"]} s"));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                allPass = false;
                Console.WriteLine("  FAIL: the scenario itself failed: " + exception);
                reports.Add(new JsonObject { ["scenario"] = FaultScenarios.NameOf(scenario), ["pass"] = false, ["notes"] = new JsonArray(JsonValue.Create("The harness failed: " + exception.Message)) });
            }
        }

        var document = new JsonObject
        {
            ["recipients"] = recipients,
            ["faultApplied"] = applied,
            ["clientTimeoutSeconds"] = ClientTimeoutSeconds,
            ["claimLeaseSeconds"] = arguments.Int("claim-lease-seconds", 30),
            ["slowAnswerMs"] = SlowMs,
            ["scenarios"] = reports,
            ["machine"] = machine,
            ["date"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["command"] = "dotnet run -c Release --project bench/Outreach.Bench -- " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
        };
        Console.WriteLine();
        Console.WriteLine(" scenario    requests faulted accepted  distinct dupes  planned   sent unknown failed  adds-up  result");
        foreach (var report in reports.OfType<JsonObject>())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $" {(string?)report["scenario"],-10} {report["requests"]?.ToString(),8} {report["faultedRequests"]?.ToString(),7} {report["personalizationsAccepted"]?.ToString(),8} {report["distinctKeysAccepted"]?.ToString(),9} {report["duplicates"]?.ToString(),5} {report["planned"]?.ToString(),8} {report["sent"]?.ToString(),6} {report["outcomeUnknown"]?.ToString(),7} {report["failed"]?.ToString(),6}  {((bool?)report["countsAddUp"] == true ? "yes" : "NO"),-7}  {((bool?)report["pass"] == true ? "PASS" : "FAIL")}"));
            foreach (var note in report["notes"]?.AsArray() ?? [])
            {
                Console.WriteLine("     " + (string?)note);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await File.WriteAllTextAsync(output, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken);
        Console.WriteLine("written: " + Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(output)));
        return allPass ? 0 : 1;
    }

    private static async Task<(JsonObject Report, bool Pass)> RunScenarioAsync(
        BenchArguments arguments,
        AzuriteProcess azurite,
        HostQueueSettings host,
        int concurrency,
        TimeSpan timeout,
        IReadOnlyList<string> lists,
        string prefix,
        int index,
        FaultScenario scenario,
        int recipients,
        int faultFirst,
        double? faultRate,
        CancellationToken cancellationToken)
    {
        // Redelivery: requests take 200 ms, so a second copy 0-150 ms later often finds the batch mid-request.
        var redeliver = scenario is FaultScenario.Redeliver or FaultScenario.RedeliverRateLimited;
        await using var fake = await FakeSendGridProcess.StartAsync(
            scenario == FaultScenario.Redeliver ? 200 : 0,
            scenario == FaultScenario.Redeliver ? FaultScenario.None : scenario,
            scenario == FaultScenario.RedeliverRateLimited ? Math.Max(8, faultFirst) : faultFirst,
            faultRate,
            SlowMs,
            recordKeys: true,
            cancellationToken);
        var counter = new StorageRequestCounter { TablePort = azurite.TablePort, QueuePort = azurite.QueuePort, Times = new BusyTimes() };
        var folder = Path.Combine(Path.GetTempPath(), "outreach-bench-" + prefix + "-" + index.ToString(CultureInfo.InvariantCulture));
        BatchedSendResult result;
        HashSet<string> acceptedKeys;
        try
        {
            await using var services = await BenchServices.StartAsync(
                azurite.ConnectionString, fake.BaseUrl, folder, counter, arguments.Has("verbose"),
                new Dictionary<string, string?>
                {
                    ["Outreach:SendGrid:TimeoutSeconds"] = ClientTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
                    // A copy that finds its batch claimed by a live attempt waits out the lease: the app's 11 minutes
                    // would make a redelivery scenario last that long. 30 s exceeds the longest attempt here (three
                    // tries of at most 3 s plus the fake's one-second rate-limit resets).
                    ["Outreach:CampaignSending:ClaimLease"] = TimeSpan.FromSeconds(arguments.Int("claim-lease-seconds", 30)).ToString("c", CultureInfo.InvariantCulture),
                },
                cancellationToken);
            result = await BatchedSendRun.RunAsync(services, fake, counter, host, concurrency, lists, BenchNewsletter.Month(index), redeliver, timeout, cancellationToken);
            acceptedKeys = await fake.AcceptedKeysAsync(cancellationToken);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }

        return Evaluate(scenario, recipients, result, acceptedKeys);
    }

    private static (JsonObject Report, bool Pass) Evaluate(FaultScenario scenario, int recipients, BatchedSendResult result, HashSet<string> acceptedKeys)
    {
        var counts = result.Counts;
        var outcomes = counts.Sent + counts.OutcomeUnknown + counts.Suppressed + counts.Failed;
        var addsUp = counts.Planned == recipients && outcomes == counts.Planned;
        var prefix = "campaign:" + result.CampaignId + ":";
        var accepted = acceptedKeys.Where(key => key.StartsWith(prefix, StringComparison.Ordinal))
            .Select(key => key[(key.LastIndexOf(':') + 1)..]).ToHashSet(StringComparer.Ordinal);
        var campaignKeys = accepted.Count;
        var rows = result.Deliveries;
        var notes = new List<string>();

        // Sent by our records but never taken by SendGrid is a silent loss; so is a recipient with no row at all. Taken
        // by SendGrid but recorded neither sent nor unknown is a send we do not know of (it could be repeated).
        var sentNotTaken = rows.StatusByRecipient.Count(pair => pair.Value == "Sent" && !accepted.Contains(pair.Key));
        var withoutRow = Math.Max(0, counts.Planned - rows.StatusByRecipient.Count);
        var takenNotRecorded = accepted.Count(key => rows.StatusByRecipient.GetValueOrDefault(key) is not ("Sent" or "OutcomeUnknown"));
        var silentLoss = sentNotTaken + withoutRow;
        if (takenNotRecorded > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"HIDDEN SENDS: {takenNotRecorded} recipients SendGrid took are recorded neither Sent nor OutcomeUnknown."));
        }

        if (rows.RecipientsInSeveralRows > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{rows.RecipientsInSeveralRows} recipients have a delivery row in more than one batch."));
        }
        var unknownExpected = scenario is FaultScenario.ServerError or FaultScenario.BadGateway or FaultScenario.Slow or FaultScenario.Drop;
        if (counts.OutcomeUnknown > 0 && !unknownExpected)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{counts.OutcomeUnknown} recipients marked outcome unknown although this fault proves nothing was sent."));
        }

        if (result.SendGrid.DuplicateKeys > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"DUPLICATES: {result.SendGrid.DuplicateKeys} delivery keys accepted more than once by SendGrid."));
        }

        if (silentLoss > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"LOSS: {silentLoss} recipients counted sent but never accepted, or left without an outcome."));
        }

        if (counts.OutcomeUnknown > 0)
        {
            var takenButUnknown = rows.StatusByRecipient.Count(pair => pair.Value == "OutcomeUnknown" && accepted.Contains(pair.Key));
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{counts.OutcomeUnknown} outcome unknown; of them SendGrid in fact took {takenButUnknown}."));
        }

        if (result.TimedOut)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"TIMED OUT: {result.BatchesFinished}/{result.Batches} batches had an outcome."));
        }

        if (result.HandlerFailures > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{result.HandlerFailures} batch attempts threw and were retried by the queue (poisoned {result.Poisoned}); last: {result.LastFailure}"));
        }

        var pass = addsUp && silentLoss == 0 && takenNotRecorded == 0 && rows.RecipientsInSeveralRows == 0 && result.SendGrid.DuplicateKeys == 0 && !result.TimedOut
            && (unknownExpected || (counts.OutcomeUnknown == 0 && counts.Sent == recipients));
        var report = new JsonObject
        {
            ["scenario"] = FaultScenarios.NameOf(scenario),
            ["campaignId"] = result.CampaignId,
            ["status"] = result.Status.ToString(),
            ["wallSeconds"] = Math.Round(result.WallSeconds, 2),
            ["requests"] = result.SendGrid.Requests,
            ["faultedRequests"] = result.SendGrid.FaultedRequests,
            ["statuses"] = new JsonObject(result.SendGrid.Statuses.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)pair.Value))),
            ["personalizationsAccepted"] = result.SendGrid.PersonalizationsAccepted,
            ["distinctKeysAccepted"] = campaignKeys,
            ["duplicates"] = result.SendGrid.DuplicateKeys,
            ["planned"] = counts.Planned,
            ["sent"] = counts.Sent,
            ["outcomeUnknown"] = counts.OutcomeUnknown,
            ["suppressed"] = counts.Suppressed,
            ["failed"] = counts.Failed,
            ["countsAddUp"] = addsUp,
            ["silentLoss"] = silentLoss,
            ["sentButNotTaken"] = sentNotTaken,
            ["recipientsWithoutRow"] = withoutRow,
            ["takenButNotRecorded"] = takenNotRecorded,
            ["deliveryRows"] = rows.Rows,
            ["batchOutcomes"] = new JsonObject(result.Outcomes.Select(pair => KeyValuePair.Create(pair.Key.ToString(), (JsonNode?)pair.Value))),
            ["handlerFailures"] = result.HandlerFailures,
            ["poisoned"] = result.Poisoned,
            ["lastFailure"] = result.LastFailure,
            ["pass"] = pass,
            ["notes"] = new JsonArray([.. notes.Select(note => (JsonNode)JsonValue.Create(note))]),
        };
        return (report, pass);
    }
}
