using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.Privacy;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;
using Outreach.Testing.Azurite;
using Xunit.Abstractions;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignSending;

/// <summary>Planning and sending a campaign through the real storage adapters on Azurite (campaigns table included), with a recording mail provider and a stub renderer.</summary>
[Collection(AzuriteTests.Name)]
public sealed class CampaignSendingAzuriteTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task PlanAndSend_5000Leaders_FiveRequestsOfAtMost1000EveryoneOnceCountsAddUpAndRedeliverySendsNothing()
    {
        // Arrange: 5,010 leaders; 10 opted out of campaigns before planning, 5 suppressed after planning.
        var tables = new TableServiceClient(azurite.ConnectionString);
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });
        foreach (var name in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(name);
        }

        await queues.GetQueueClient(StorageNames.CampaignBatchQueue).CreateIfNotExistsAsync();
        await queues.GetQueueClient(StorageNames.CampaignPlanQueue).CreateIfNotExistsAsync();
        var district = AzuriteFixture.UniqueName("d");
        var clock = Clock();
        var keyedHash = new AddressKeyedHash(Options.Create(new PrivacyOptions { HashKey = "test-privacy-hash-key-0123456789abcdef" }));
        var leaders = Enumerable.Range(0, 5010).Select(i => Leader(district, i)).ToList();
        await StoreLeadersAsync(tables, leaders);
        var optOuts = new TableOptOutRepository(tables, clock);
        foreach (var leader in leaders.Take(10))
        {
            await optOuts.RecordAsync(EmailAddresses.Hash(leader.Email), OptOutCategory.Campaigns, district, default);
        }

        var campaigns = new TableCampaignRepository(tables);
        var campaign = Campaign(district, CampaignStatus.Planning);
        campaign.Version = null;
        await campaigns.AddAsync(campaign, default);
        var store = new TableCampaignBatchStore(tables, clock);
        var workQueue = new QueueCampaignWorkQueue(queues);
        var exclusions = new TableMailingExclusions(tables, keyedHash);
        var completion = new CampaignCompletion(campaigns, store, clock, NullLogger<CampaignCompletion>.Instance);
        var lists = new Mock<IRecipientListRepository>(MockBehavior.Strict);
        var planner = new CampaignPlanner(campaigns, new TableLeaderRepository(tables), lists.Object, exclusions, store, workQueue, completion, clock, NullLogger<CampaignPlanner>.Instance);
        var mail = new RecordingBatchMailSender();
        var renderer = new StubRenderer();
        var sender = new CampaignBatchSender(
            campaigns, store, exclusions, new LeaderFlowHarness.FixedDistricts([District(district)]), renderer, mail, new LeaderFlowHarness.FixedTokens(), workQueue, completion, Options.Create(new CampaignSendingOptions()), clock, NullLogger<CampaignBatchSender>.Instance);

        // Act: plan, suppress five addresses meanwhile, then send every queued batch.
        var planning = Stopwatch.StartNew();
        await planner.PlanAsync(new CampaignPlanWorkItem(campaign.Id));
        planning.Stop();
        var suppressions = new TableSuppressionList(tables, clock, keyedHash);
        foreach (var leader in leaders.Skip(10).Take(5))
        {
            await suppressions.SuppressAsync(leader.Email, "bounce", "sendgrid", default);
        }

        var items = await ReceiveBatchItemsAsync(queues, campaign.Id, expected: 5);
        var sending = Stopwatch.StartNew();
        var outcomes = new List<CampaignBatchOutcome>();
        foreach (var item in items)
        {
            outcomes.Add(await sender.SendAsync(item));
        }

        sending.Stop();
        output.WriteLine($"Planning 5,010 leaders into {items.Count} batches: {planning.ElapsedMilliseconds} ms; sending them: {sending.ElapsedMilliseconds} ms");

        // Assert: ⌈5000/1000⌉ requests, each recipient exactly once, the excluded ones in none.
        Assert.Equal([0, 1, 2, 3, 4], items.Select(i => i.BatchNumber).Order());
        Assert.All(outcomes, o => Assert.Equal(CampaignBatchOutcome.Sent, o));
        Assert.Equal(5, mail.Sent.Count);
        Assert.All(mail.Sent, request => Assert.InRange(request.Recipients.Count, 1, BatchMail.MaxRecipients));
        var addressed = mail.Sent.SelectMany(request => request.Recipients.Select(r => r.To.Email)).ToList();
        Assert.Equal(addressed.Count, addressed.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(leaders.Skip(15).Select(l => l.Email).Order(StringComparer.Ordinal), addressed.Order(StringComparer.Ordinal));
        Assert.Equal(1, renderer.Renders / mail.Sent.Count);

        var stored = (await campaigns.GetAsync(campaign.Id, default))!;
        var batches = await store.ListAsync(campaign.Id, default);
        var counts = CampaignCompletion.Total(stored.PlanningCounts, batches);
        Assert.Equal((CampaignStatus.Sent, 5), (stored.Status, stored.BatchCount));
        Assert.Equal(new CampaignCounts(5010, 4995, 0, 15, 0), counts);
        Assert.Equal(counts.Planned, counts.Sent + counts.OutcomeUnknown + counts.Suppressed + counts.Failed);
        var rows = new List<CampaignDelivery>();
        foreach (var batch in batches)
        {
            rows.AddRange(await store.ListDeliveriesAsync(campaign.Id, batch.Number, default));
        }

        Assert.Equal(5000, rows.Count);
        Assert.Equal(5, rows.Count(r => r.Status == CampaignDeliveryStatus.Suppressed));

        // Act again: every batch work item delivered a second time, and the plan too.
        var redelivered = new List<CampaignBatchOutcome>();
        foreach (var item in items)
        {
            redelivered.Add(await sender.SendAsync(item));
        }

        await planner.PlanAsync(new CampaignPlanWorkItem(campaign.Id));

        // Assert: nothing more went out.
        Assert.All(redelivered, o => Assert.Equal(CampaignBatchOutcome.AlreadyDone, o));
        Assert.Equal(5, mail.Sent.Count);
        Assert.Empty(await ReceiveBatchItemsAsync(queues, campaign.Id, expected: 0));
    }

    private static async Task StoreLeadersAsync(TableServiceClient tables, IReadOnlyList<Core.Leaders.Leader> leaders)
    {
        var table = tables.GetTableClient(StorageNames.LeadersTable);
        await Parallel.ForEachAsync(
            leaders.Chunk(100),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (chunk, ct) => await table.SubmitTransactionAsync(chunk.Select(l => new TableTransactionAction(TableTransactionActionType.Add, LeaderTableEntity.From(l))), ct));
    }

    // Reads the queue as the Functions trigger would, keeping this campaign's items; others are left for their owners.
    private static async Task<List<CampaignBatchWorkItem>> ReceiveBatchItemsAsync(QueueServiceClient queues, string campaignId, int expected)
    {
        var queue = queues.GetQueueClient(StorageNames.CampaignBatchQueue);
        var found = new List<CampaignBatchWorkItem>();
        var emptyReads = 0;
        while (emptyReads < 2 && (expected == 0 || found.Count < expected))
        {
            var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
            emptyReads = received.Length == 0 ? emptyReads + 1 : 0;
            foreach (var message in received)
            {
                var item = JsonSerializer.Deserialize(message.Body.ToString(), CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem);
                if (item?.CampaignId == campaignId)
                {
                    found.Add(item);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }
        }

        return found;
    }
}
