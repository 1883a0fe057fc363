using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Hosting;
using Outreach.Bench.Measuring;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Newsletters;
using Outreach.Core.Storage;

namespace Outreach.Bench.Runs;

/// <summary>
/// The real path of a newsletter: created by one staff member, approved by another, sent; then the plan work item on
/// the real <c>campaign-plans</c> queue goes to <see cref="CampaignPlanner"/>, and the batch work items on
/// <c>campaign-batches</c> to <see cref="CampaignBatchSender"/> through consumers shaped like the Functions host. Timed
/// from the send request to the last batch's outcome.
/// </summary>
internal static class BatchedSendRun
{
    public static async Task<BatchedSendResult> RunAsync(
        IServiceProvider services,
        FakeSendGridProcess fake,
        StorageRequestCounter counter,
        HostQueueSettings host,
        int concurrency,
        IReadOnlyList<string> listIds,
        string month,
        bool duplicateDelivery,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        StorageRequestCounter.Phase = "harness";
        var newsletters = services.GetRequiredService<NewsletterService>();
        var campaigns = services.GetRequiredService<CampaignService>();
        var planner = services.GetRequiredService<CampaignPlanner>();
        var sender = services.GetRequiredService<CampaignBatchSender>();
        var issue = await newsletters.CreateAsync(BenchNewsletter.Draft(month, listIds), BenchNewsletter.Author, cancellationToken);
        await campaigns.ApproveAsync(issue.Id, BenchNewsletter.Approver, cancellationToken);

        // Start the measured phase from a compacted heap: what the harness did before is not the send's memory.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var workingSetAtStart = MemorySampler.CurrentWorkingSetMb();
        var fakeBefore = await fake.CountsAsync(cancellationToken);
        var before = new Dictionary<string, StorageCounts>
        {
            ["request"] = counter.Of("request"),
            ["planning"] = counter.Of("planning"),
            ["dispatch"] = counter.Of("dispatch"),
            ["queue-host"] = counter.Of("queue-host"),
        };

        var clock = new Stopwatch();
        var planned = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new ConcurrentDictionary<int, CampaignBatchOutcome>();
        var outcomes = new ConcurrentDictionary<CampaignBatchOutcome, int>();
        long lastFinishedTicks = 0;
        var queues = services.Queues();
        using var planQueue = new QueueTriggerEmulator(queues, StorageNames.CampaignPlanQueue, host, host.MaxInFlight, "planning", async (body, token) =>
        {
            var item = JsonSerializer.Deserialize(body.ToMemory().Span, CampaignWorkItemJsonContext.Default.CampaignPlanWorkItem)
                ?? throw new InvalidOperationException("An empty plan work item.");
            await planner.PlanAsync(item, token);
            planned.TrySetResult(clock.Elapsed);
        });
        using var batchQueue = new QueueTriggerEmulator(queues, StorageNames.CampaignBatchQueue, host, concurrency, "dispatch", async (body, token) =>
        {
            var item = JsonSerializer.Deserialize(body.ToMemory().Span, CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem)
                ?? throw new InvalidOperationException("An empty batch work item.");
            var outcome = await sender.SendAsync(item, token);
            outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
            Interlocked.Exchange(ref lastFinishedTicks, clock.Elapsed.Ticks);

            // AlreadyDone may mean "another consumer has it" (a redelivery): not an outcome of the batch.
            if (outcome is not (CampaignBatchOutcome.Deferred or CampaignBatchOutcome.AlreadyDone) && item.CampaignId == issue.Id)
            {
                finished.TryAdd(item.BatchNumber, outcome);
            }
        }, duplicateDelivery);

        using var stop = new CancellationTokenSource();
        var sampler = MemorySampler.Start();
        var consumers = Task.WhenAll(Task.Run(() => planQueue.RunAsync(stop.Token), CancellationToken.None), Task.Run(() => batchQueue.RunAsync(stop.Token), CancellationToken.None));
        clock.Start();
        StorageRequestCounter.Phase = "request";
        await campaigns.SendAsync(issue.Id, BenchNewsletter.Author, at: null, cancellationToken);
        StorageRequestCounter.Phase = "harness";

        int? total = null;
        var timedOut = false;
        var progress = new ProgressLine();
        var lastCheck = TimeSpan.FromDays(-1);
        while (true)
        {
            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken), consumers);
            if (total is null && planned.Task.IsCompleted)
            {
                var view = await campaigns.GetAsync(issue.Id, cancellationToken);
                total = view?.Campaign.BatchCount ?? 0;
            }

            if (progress.Due)
            {
                var sent = await fake.CountsAsync(cancellationToken);
                var mails = sent.PersonalizationsAccepted - fakeBefore.PersonalizationsAccepted;
                progress.Write(string.Create(CultureInfo.InvariantCulture,
                    $"  batches {finished.Count}/{(total is { } known ? known.ToString(CultureInfo.InvariantCulture) : "?")}  mails {mails}  {mails / Math.Max(0.001, clock.Elapsed.TotalSeconds):0} mails/s  {clock.Elapsed.TotalSeconds:0.0} s  ws {MemorySampler.CurrentWorkingSetMb():0} MB"));
            }

            // Done when the campaign is Sent (its completion checks every batch). Read every second once every batch
            // seems done, else every 15 s (an outcome recorded by another attempt reaches no handler here; the read
            // costs about one point read per batch, which would compete with the sending if done often).
            if (total is { } all && clock.Elapsed - lastCheck > TimeSpan.FromSeconds(finished.Count >= all ? 1 : 15))
            {
                lastCheck = clock.Elapsed;
                if ((await campaigns.GetAsync(issue.Id, cancellationToken))?.Campaign.Status is CampaignStatus.Sent or CampaignStatus.Cancelled)
                {
                    break;
                }
            }

            if (clock.Elapsed > timeout || consumers.IsCompleted)
            {
                timedOut = true;
                break;
            }
        }

        var wall = total is { } && !timedOut ? TimeSpan.FromTicks(Interlocked.Read(ref lastFinishedTicks)) : clock.Elapsed;
        progress.End();

        // Let attempts still under way finish (a redelivered batch's first attempt may still be waiting out a 429
        // after the campaign was completed): the host would not stop them either, and their outcome belongs in the counts.
        var drain = Stopwatch.StartNew();
        while ((batchQueue.InFlight > 0 || planQueue.InFlight > 0) && drain.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(100, cancellationToken);
        }

        if (drain.Elapsed > TimeSpan.FromSeconds(1))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  waited {drain.Elapsed.TotalSeconds:0.0} s after completion for attempts still under way ({batchQueue.InFlight} left)"));
        }

        await stop.CancelAsync();
        await consumers;
        await sampler.DisposeAsync();
        var fakeAfter = await fake.CountsAsync(cancellationToken);
        var final = await campaigns.GetAsync(issue.Id, cancellationToken);
        var deliveries = await DeliveryRows.ReadAsync(services.Tables(), issue.Id, cancellationToken);
        return new BatchedSendResult
        {
            CampaignId = issue.Id,
            WallSeconds = wall.TotalSeconds,
            PlanningSeconds = planned.Task.IsCompleted ? planned.Task.Result.TotalSeconds : double.NaN,
            Batches = total ?? 0,
            BatchesFinished = finished.Count,
            TimedOut = timedOut,
            Outcomes = new Dictionary<CampaignBatchOutcome, int>(outcomes),
            HandlerFailures = batchQueue.Failures + planQueue.Failures,
            Poisoned = batchQueue.Poisoned + planQueue.Poisoned,
            LastFailure = (batchQueue.LastFailure ?? planQueue.LastFailure) is { } failure ? failure.GetType().Name + ": " + failure.Message : null,
            SendGrid = Minus(fakeAfter, fakeBefore),
            Request = counter.Of("request").Minus(before["request"]),
            Planning = counter.Of("planning").Minus(before["planning"]),
            Dispatch = counter.Of("dispatch").Minus(before["dispatch"]),
            QueueHost = counter.Of("queue-host").Minus(before["queue-host"]),
            PeakWorkingSetMb = sampler.PeakWorkingSetMb,
            PeakManagedHeapMb = sampler.PeakManagedHeapMb,
            WorkingSetAtStartMb = workingSetAtStart,
            Counts = final?.Counts ?? CampaignCounts.None,
            Status = final?.Campaign.Status ?? CampaignStatus.Draft,
            Deliveries = deliveries,
            Busy = counter.Times?.Snapshot() ?? new Dictionary<(string Phase, string Kind), (long Calls, double Milliseconds)>(),
        };
    }

    public static FakeSendGridCounts Minus(FakeSendGridCounts after, FakeSendGridCounts before) => after with
    {
        Requests = after.Requests - before.Requests,
        AcceptedRequests = after.AcceptedRequests - before.AcceptedRequests,
        FaultedRequests = after.FaultedRequests - before.FaultedRequests,
        PersonalizationsReceived = after.PersonalizationsReceived - before.PersonalizationsReceived,
        PersonalizationsAccepted = after.PersonalizationsAccepted - before.PersonalizationsAccepted,
        BodyBytes = after.BodyBytes - before.BodyBytes,
        BatchVariants = after.BatchVariants.ToDictionary(pair => pair.Key, pair => pair.Value - before.BatchVariants.GetValueOrDefault(pair.Key), StringComparer.Ordinal)
            .Where(pair => pair.Value > 0).ToDictionary(StringComparer.Ordinal),
        BatchRequestsByVariant = after.BatchRequestsByVariant.ToDictionary(pair => pair.Key, pair => pair.Value - before.BatchRequestsByVariant.GetValueOrDefault(pair.Key), StringComparer.Ordinal)
            .Where(pair => pair.Value > 0).ToDictionary(StringComparer.Ordinal),
        Statuses = after.Statuses.ToDictionary(pair => pair.Key, pair => pair.Value - before.Statuses.GetValueOrDefault(pair.Key), StringComparer.Ordinal)
            .Where(pair => pair.Value > 0).ToDictionary(StringComparer.Ordinal),
    };
}
