using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.Email.SendGrid;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;
using Xunit.Abstractions;

namespace Outreach.Core.Tests.CampaignFaults;

/// <summary>
/// Fault injection on the real campaign path: the app's planner, batch sender, renderer and SendGrid sender (with its
/// resilience pipeline) against Azurite and a fake SendGrid that misbehaves on cue. After each scenario every recipient
/// has exactly one accepted send, or is outcome unknown only in the batch whose request truly may or may not have been
/// taken (never resent), and the campaign's counts add up.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class CampaignFaultTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Recipients = 3000;
    private const int Batches = 3;

    // The fault hits the second batch, so that its request goes out over a connection the first one left in the pool.
    private const int FaultedBatch = 1;

    [Fact]
    public async Task Send_NoFault_OneRequestPer1000EveryoneExactlyOnceAndCountsAddUp()
    {
        // Arrange
        await using var harness = await CampaignFaultsHarness.StartAsync(azurite, Recipients);
        var clock = Stopwatch.StartNew();
        var campaignId = await harness.PlanCampaignAsync();
        var items = await harness.ReceiveBatchItemsAsync(campaignId, Batches);

        // Act
        var outcomes = new List<CampaignBatchOutcome>();
        foreach (var item in items)
        {
            outcomes.Add(await harness.HandleAsync(item));
        }

        // Assert
        Assert.All(outcomes, outcome => Assert.Equal(CampaignBatchOutcome.Sent, outcome));
        var requests = harness.RequestsOf(campaignId);
        Assert.Equal(Batches, requests.Count);
        Assert.All(requests, request => Assert.Equal((202, 1000), (request.Status, request.DeliveryKeys.Count)));
        await AssertNoneLostOrDoubledAsync(harness, campaignId, items, unknownBatches: []);
        output.WriteLine($"Happy path, {Recipients} recipients: {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Send_RateLimitedThreeTimes_BatchIsRetriedAndSentOnce(bool withReset)
    {
        // Arrange: one retry inside the client, so three 429s in a row also make the work item go back to the queue once.
        await using var harness = await CampaignFaultsHarness.StartAsync(azurite, Recipients, rateLimitRetries: 1);
        var clock = Stopwatch.StartNew();
        var campaignId = await harness.PlanCampaignAsync();
        var items = await harness.ReceiveBatchItemsAsync(campaignId, Batches);
        for (var i = 0; i < 3; i++)
        {
            harness.SendGrid.AnswerFirstMatching(CampaignFaultsHarness.IsBatch(campaignId, FaultedBatch), 429, withReset ? DateTimeOffset.UtcNow.AddSeconds(2) : null);
        }

        // Act
        var outcomes = new List<CampaignBatchOutcome>();
        foreach (var item in items)
        {
            outcomes.Add(await harness.HandleAsync(item));
        }

        // Assert: the throttled batch went out on its fourth request, once.
        Assert.All(outcomes, outcome => Assert.Equal(CampaignBatchOutcome.Sent, outcome));
        var requests = harness.RequestsOf(campaignId);
        Assert.Equal([429, 429, 429, 202], requests.Where(r => CampaignFaultsHarness.IsBatch(campaignId, FaultedBatch)(r.Json)).Select(r => r.Status));
        await AssertNoneLostOrDoubledAsync(harness, campaignId, items, unknownBatches: []);
        output.WriteLine($"429 {(withReset ? "with" : "without")} X-RateLimit-Reset: {clock.ElapsedMilliseconds} ms");
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task Send_OutcomeOfOneRequestUnknown_ThatBatchIsOutcomeUnknownNeverResentTheOthersSentOnce(int fault)
    {
        // Arrange: 500, 502, no answer within the client's timeout (0), or the connection dropped after the request was read (-1).
        await using var harness = await CampaignFaultsHarness.StartAsync(azurite, Recipients, timeoutSeconds: 1);
        var clock = Stopwatch.StartNew();
        var campaignId = await harness.PlanCampaignAsync();
        var items = await harness.ReceiveBatchItemsAsync(campaignId, Batches);
        harness.SendGrid.AnswerFirstMatching(CampaignFaultsHarness.IsBatch(campaignId, FaultedBatch), fault);

        // Act
        var outcomes = new List<CampaignBatchOutcome>();
        foreach (var item in items)
        {
            outcomes.Add(await harness.HandleAsync(item));
        }

        // Assert
        Assert.Equal([CampaignBatchOutcome.Sent, CampaignBatchOutcome.OutcomeUnknown, CampaignBatchOutcome.Sent], outcomes);
        await AssertNoneLostOrDoubledAsync(harness, campaignId, items, unknownBatches: [FaultedBatch]);
        output.WriteLine($"Fault {fault}: {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Send_EveryWorkItemDeliveredTwiceConcurrentlyThenAgain_EachBatchSentOnce()
    {
        // Arrange
        await using var harness = await CampaignFaultsHarness.StartAsync(azurite, Recipients);
        var clock = Stopwatch.StartNew();
        var campaignId = await harness.PlanCampaignAsync();
        var items = await harness.ReceiveBatchItemsAsync(campaignId, Batches);

        // Act: both copies of every item at once, then each once more after the others.
        var outcomes = await Task.WhenAll(items.Concat(items).Select(item => Task.Run(() => harness.HandleAsync(item))));
        var again = new List<CampaignBatchOutcome>();
        foreach (var item in items)
        {
            again.Add(await harness.HandleAsync(item));
        }

        // Assert: one copy of each sent it; the other found it taken or done, or found it Sending and marked it outcome
        // unknown, which the sending copy's answer then replaced (the ledger below shows every recipient sent).
        Assert.Equal(Batches, outcomes.Count(outcome => outcome == CampaignBatchOutcome.Sent));
        Assert.All(outcomes.Where(outcome => outcome != CampaignBatchOutcome.Sent), outcome => Assert.Contains(outcome, new[] { CampaignBatchOutcome.AlreadyDone, CampaignBatchOutcome.OutcomeUnknown }));
        Assert.All(again, outcome => Assert.Equal(CampaignBatchOutcome.AlreadyDone, outcome));
        Assert.Equal(Batches, harness.RequestsOf(campaignId).Count);
        await AssertNoneLostOrDoubledAsync(harness, campaignId, items, unknownBatches: []);
        output.WriteLine($"Duplicate delivery: {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Send_RedeliveredWhileTheFirstAwaitsSendGridAndItsMarkWrittenAfterTheAnswer_TheAnswerStandsForEveryRecipient()
    {
        // Arrange: the first delivery of batch 1 waits for SendGrid's answer; meanwhile the redelivered copy finds the
        // batch Sending without rows and starts marking it outcome unknown, but its writes come after the answer's.
        // The claim lease is cut to a millisecond so that the copy marks at once, as it would once a real lease passed.
        var (answer, mark) = (new Hold(), new Hold());
        await using var harness = await CampaignFaultsHarness.StartAsync(azurite, Recipients, before: services =>
        {
            services.Configure<CampaignSendingOptions>(options => options.ClaimLease = TimeSpan.FromMilliseconds(1));
            services.AddSingleton<IBatchMailSender>(provider => new HeldBatchMailSender(provider.GetRequiredService<SendGridMailSender>(), answer));
            services.AddSingleton<ICampaignBatchStore>(provider => new HeldBatchStore(
                new TableCampaignBatchStore(provider.GetRequiredService<TableServiceClient>(), provider.GetRequiredService<TimeProvider>()), mark));
        });
        var clock = Stopwatch.StartNew();
        var campaignId = await harness.PlanCampaignAsync();
        var items = await harness.ReceiveBatchItemsAsync(campaignId, Batches);
        await harness.HandleAsync(items[0]);

        // Act
        answer.Arm();
        var first = Task.Run(() => harness.HandleAsync(items[FaultedBatch]));
        await answer.Arrived;
        mark.Arm();
        var redelivered = Task.Run(() => harness.HandleAsync(items[FaultedBatch]));
        await mark.Arrived;
        answer.Release();
        var firstOutcome = await first.WaitAsync(TimeSpan.FromSeconds(30));
        mark.Release();
        var redeliveredOutcome = await redelivered.WaitAsync(TimeSpan.FromSeconds(30));
        await harness.HandleAsync(items[2]);

        // Assert: the request was accepted, so every recipient of the batch is sent, once; the mark changed nothing.
        Assert.Equal((CampaignBatchOutcome.Sent, CampaignBatchOutcome.AlreadyDone), (firstOutcome, redeliveredOutcome));
        Assert.Equal(Batches, harness.RequestsOf(campaignId).Count);
        await AssertNoneLostOrDoubledAsync(harness, campaignId, items, unknownBatches: []);
        output.WriteLine($"Redelivery marking after the answer: {clock.ElapsedMilliseconds} ms");
    }

    // The ledger: what the fake accepted, what the batch store recorded, and the campaign's counts, for every recipient.
    // Ends by delivering every work item once more: nothing may go out again.
    private static async Task AssertNoneLostOrDoubledAsync(CampaignFaultsHarness harness, string campaignId, IReadOnlyList<CampaignBatchWorkItem> items, IReadOnlyCollection<int> unknownBatches)
    {
        var requests = harness.RequestsOf(campaignId);
        var accepted = requests.Where(request => request.Status is 200 or 202).ToList();
        var acceptedKeys = accepted.SelectMany(request => request.DeliveryKeys.Select(key => (Key: key!, request.MessageId))).ToList();
        Assert.Equal(acceptedKeys.Count, acceptedKeys.Select(pair => pair.Key).Distinct(StringComparer.Ordinal).Count());
        var acceptedById = acceptedKeys.ToDictionary(pair => pair.Key, pair => pair.MessageId, StringComparer.Ordinal);
        var everyKey = requests.SelectMany(request => request.DeliveryKeys).GroupBy(key => key!, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Count(), StringComparer.Ordinal);

        // Per batch: ⌈N/1000⌉ batches of the one variant, each accepted at most once.
        var batches = new List<CampaignBatch>();
        foreach (var summary in await harness.Batches.ListAsync(campaignId, default))
        {
            // A finished batch keeps no frozen addresses or names; its size stays in its counts.
            var batch = (await harness.Batches.GetAsync(campaignId, summary.Number, default))!;
            Assert.Empty(batch.Recipients);
            batches.Add(batch);
        }

        Assert.Equal(items.Select(item => item.BatchNumber).Order(), batches.Select(batch => batch.Number).Order());
        Assert.Equal((int)Math.Ceiling(harness.Leaders.Count / 1000.0), batches.Count);
        Assert.All(batches, batch => Assert.InRange(batch.Counts.Planned, 1, BatchMail.MaxRecipients));
        Assert.All(batches.GroupBy(batch => batch.Variant), variant => Assert.Equal((int)Math.Ceiling(variant.Sum(b => b.Counts.Planned) / 1000.0), variant.Count()));
        Assert.Equal(batches.Count(batch => !unknownBatches.Contains(batch.Number)), accepted.Count);

        // Per recipient: one delivery row; sent means accepted once (with that request's message id); outcome unknown
        // only in a faulted batch, in exactly one request and none accepted.
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            var expected = unknownBatches.Contains(batch.Number) ? CampaignBatchStatus.OutcomeUnknown : CampaignBatchStatus.Sent;
            Assert.Equal(expected, batch.Status);
            var rows = await harness.Batches.ListDeliveriesAsync(campaignId, batch.Number, default);
            Assert.Equal(batch.Counts.Planned, rows.Count);
            foreach (var row in rows)
            {
                Assert.True(recipients.Add(row.RecipientKey), "A recipient is in two batches.");
                var key = row.DeliveryKey;
                if (row.Status == CampaignDeliveryStatus.Sent)
                {
                    Assert.True(acceptedById.TryGetValue(key, out var messageId), "A delivery recorded as sent was never accepted.");
                    Assert.Equal(messageId, row.ProviderMessageId);
                }
                else
                {
                    Assert.Equal(CampaignDeliveryStatus.OutcomeUnknown, row.Status);
                    Assert.Contains(batch.Number, unknownBatches);
                    Assert.False(acceptedById.ContainsKey(key), "An accepted delivery was recorded as outcome unknown.");
                    Assert.Equal(1, everyKey.GetValueOrDefault(key));
                }
            }
        }

        Assert.Equal(harness.Leaders.Select(l => EmailAddresses.Hash(l.Email)).Order(StringComparer.Ordinal), recipients.Order(StringComparer.Ordinal));
        Assert.Equal(acceptedKeys.Count, batches.Where(b => b.Status == CampaignBatchStatus.Sent).Sum(b => b.Counts.Planned));

        // The campaign, as staff see it.
        var view = await harness.Campaigns.GetAsync(campaignId);
        Assert.NotNull(view);
        Assert.Equal(CampaignStatus.Sent, view.Campaign.Status);
        var counts = view.Counts;
        Assert.Equal(harness.Leaders.Count, counts.Planned);
        Assert.Equal(counts.Planned, counts.Sent + counts.OutcomeUnknown + counts.Suppressed + counts.Failed);
        Assert.Equal(acceptedKeys.Count, counts.Sent);
        Assert.Equal(batches.Where(b => unknownBatches.Contains(b.Number)).Sum(b => b.Counts.Planned), counts.OutcomeUnknown);

        // Delivered once more (a late redelivery): nothing is sent again, an unknown outcome is not resent.
        foreach (var item in items)
        {
            Assert.Equal(CampaignBatchOutcome.AlreadyDone, await harness.HandleAsync(item));
        }

        Assert.Equal(requests.Count, harness.RequestsOf(campaignId).Count);
    }
}
