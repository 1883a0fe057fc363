using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;
using Outreach.Testing.SendGrid;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignFaults;

/// <summary>
/// One fault scenario's world: the app's own container (AddOutreachCore over the real districts file and templates) on
/// the shared Azurite, in SendGrid mode against a fake SendGrid of its own on loopback, with the real clock (the
/// client's timeout and the rate-limit waits are real). The first district of districts.json gets a code unique to the
/// scenario and an all-day send window, so that its leaders, campaign and batches are the scenario's alone. Work items
/// are read from the real queues and handled as the Functions host would, a <see cref="MailNotSentException"/> being
/// retried as a queue redelivery.
/// </summary>
internal sealed class CampaignFaultsHarness : IAsyncDisposable
{
    /// <summary>How often a work item is retried after <see cref="MailNotSentException"/> (the queue's maxDequeueCount is 5).</summary>
    public const int MaxDequeues = 5;

    private readonly ServiceProvider services;
    private readonly QueueServiceClient queues;

    private CampaignFaultsHarness(FakeSendGridServer sendGrid, ServiceProvider services, QueueServiceClient queues, string district, IReadOnlyList<Leader> leaders)
    {
        SendGrid = sendGrid;
        this.services = services;
        this.queues = queues;
        District = district;
        Leaders = leaders;
    }

    public FakeSendGridServer SendGrid { get; }

    public string District { get; }

    public IReadOnlyList<Leader> Leaders { get; }

    public IServiceProvider Services => services;

    public CampaignService Campaigns => services.GetRequiredService<CampaignService>();

    public CampaignBatchSender Sender => services.GetRequiredService<CampaignBatchSender>();

    public ICampaignBatchStore Batches => services.GetRequiredService<ICampaignBatchStore>();

    /// <summary>Starts the fake SendGrid and the container, and stores <paramref name="leaderCount"/> leaders in a district of the scenario's own.</summary>
    public static async Task<CampaignFaultsHarness> StartAsync(AzuriteFixture azurite, int leaderCount, int timeoutSeconds = 10, int rateLimitRetries = 3, Action<IServiceCollection>? before = null)
    {
        var sendGrid = await FakeSendGridServer.StartAsync();
        var district = AzuriteFixture.UniqueName("f");
        var root = RepositoryFiles.Root;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "config", "districts.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FUNCTIONS_APP_ROOT_PATH"] = root,
                ["AzureWebJobsStorage"] = azurite.ConnectionString,
                ["Outreach:Districts:0:Code"] = district,
                ["Outreach:Districts:0:TemplateFolder"] = "storkobenhavn",
                ["Outreach:Districts:0:SendWindow:Start"] = "00:00",
                ["Outreach:Districts:0:SendWindow:End"] = "00:00",
                ["Outreach:Mail:Mode"] = "SendGrid",
                ["Outreach:Mail:PrintPath"] = Path.Combine(Path.GetTempPath(), "outreach-faults-print-" + district),
                ["Outreach:SendGrid:ApiKey"] = FakeSendGridServer.DefaultApiKey,
                ["Outreach:SendGrid:BaseUrl"] = sendGrid.BaseUrl,
                ["Outreach:SendGrid:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Outreach:SendGrid:RateLimitRetries"] = rateLimitRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Outreach:SendGrid:MaxRetryDelaySeconds"] = "10",
                ["Outreach:PublicBaseUrl"] = "https://outreach.example.dk",
                ["Outreach:Unsubscribe:SigningKey"] = "faults-test-signing-key-0123456789abcdef",
                ["Outreach:Privacy:HashKey"] = "faults-test-privacy-hash-key-0123456789abcdef",
            })
            .Build();
        // Registrations made before the app's own win (the app's are TryAdd): a scenario may wrap a port.
        var collection = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        before?.Invoke(collection);
        var services = collection.AddOutreachCore(configuration).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // As the host does: the storage initializer creates the tables and queues, the template checks run.
        foreach (var hosted in services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var leaders = Enumerable.Range(0, leaderCount).Select(i => Leader(district, i)).ToList();
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(StorageNames.LeadersTable);
        await Parallel.ForEachAsync(
            leaders.Chunk(100),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (chunk, ct) => await table.SubmitTransactionAsync(chunk.Select(l => new TableTransactionAction(TableTransactionActionType.Add, LeaderTableEntity.From(l))), ct));
        var queues = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.Base64 });
        return new CampaignFaultsHarness(sendGrid, services, queues, district, leaders);
    }

    /// <summary>
    /// A campaign to every leader of the district, created by one staff member, approved by another and sent; its
    /// planning work item is read from the plan queue and planned. Returns the campaign id.
    /// </summary>
    public async Task<string> PlanCampaignAsync()
    {
        var draft = new CampaignDraft
        {
            District = District,
            Name = "Valgmøde for lederne",
            Category = Unsubscribe.OptOutCategory.Campaigns,
            Content = new CampaignContent
            {
                Subject = "Invitation til valgmøde",
                Markdown = "Kære leder,\n\nVi inviterer til **valgmøde** den 12. januar.",
                SignedByChair = true,
            },
            Audience = new CampaignAudience { Segment = new LeaderSegment() },
        };
        var campaign = await Campaigns.CreateAsync(draft, "anna.author");
        await Campaigns.ApproveAsync(campaign.Id, "bo.approver");
        await Campaigns.SendAsync(campaign.Id, "anna.author", null);
        var plans = await ReceiveAsync(StorageNames.CampaignPlanQueue, CampaignWorkItemJsonContext.Default.CampaignPlanWorkItem, item => item.CampaignId == campaign.Id, expected: 1);
        await services.GetRequiredService<CampaignPlanner>().PlanAsync(Assert.Single(plans));
        return campaign.Id;
    }

    /// <summary>The campaign's batch work items, read from the real <c>campaign-batches</c> queue (and deleted), ordered by batch.</summary>
    public async Task<List<CampaignBatchWorkItem>> ReceiveBatchItemsAsync(string campaignId, int expected)
    {
        var items = await ReceiveAsync(StorageNames.CampaignBatchQueue, CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem, item => item.CampaignId == campaignId, expected);
        return [.. items.OrderBy(item => item.BatchNumber)];
    }

    /// <summary>
    /// Handles one work item as the queue trigger would: a <see cref="MailNotSentException"/> (nothing sent, claim
    /// released) makes the queue deliver it again, up to <see cref="MaxDequeues"/> times.
    /// </summary>
    public async Task<CampaignBatchOutcome> HandleAsync(CampaignBatchWorkItem item)
    {
        for (var dequeue = 1; ; dequeue++)
        {
            try
            {
                return await Sender.SendAsync(item);
            }
            catch (MailNotSentException) when (dequeue < MaxDequeues)
            {
                // The queue redelivers the message after its visibility timeout; here at once.
            }
        }
    }

    /// <summary>The requests of <paramref name="campaignId"/> the fake received (any personalization of the campaign).</summary>
    public IReadOnlyList<FakeSendGridRequest> RequestsOf(string campaignId) =>
        [.. SendGrid.Requests.Where(request => request.DeliveryKeys.Any(key => key?.StartsWith(KeyPrefix(campaignId), StringComparison.Ordinal) == true))];

    /// <summary>A body condition for <see cref="FakeSendGridServer.AnswerFirstMatching"/>: the request of this batch.</summary>
    public static Func<JsonNode, bool> IsBatch(string campaignId, int number) => json =>
        json["personalizations"] is JsonArray { Count: > 0 } personalizations
        && ((string?)personalizations[0]?["custom_args"]?["delivery_key"])?.StartsWith(FormattableString.Invariant($"campaign:{campaignId}:{number}:"), StringComparison.Ordinal) == true;

    public static string KeyPrefix(string campaignId) => $"campaign:{campaignId}:";

    public async ValueTask DisposeAsync()
    {
        // Polly waits for sends still under way; on the real clock that ends with the client's timeout at the latest.
        await services.DisposeAsync();
        await SendGrid.DisposeAsync();
    }

    // Reads a queue as the Functions trigger would, keeping this campaign's items; others' are left for their owners.
    private async Task<List<T>> ReceiveAsync<T>(string queueName, JsonTypeInfo<T> type, Func<T, bool> mine, int expected)
    {
        var queue = queues.GetQueueClient(queueName);
        var found = new List<T>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (found.Count < expected && DateTime.UtcNow < deadline)
        {
            var received = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value;
            foreach (var message in received)
            {
                var item = JsonSerializer.Deserialize(message.Body.ToString(), type);
                if (item is not null && mine(item))
                {
                    found.Add(item);
                    await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            if (received.Length == 0)
            {
                await Task.Delay(50);
            }
        }

        return found;
    }
}
