using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignSending;

public sealed class CampaignBatchSenderTests
{
    private const string DistrictCode = "storkobenhavn";

    private readonly InMemoryCampaigns campaigns = new();
    private readonly Mock<ICampaignBatchStore> batches = new(MockBehavior.Strict);
    private readonly Mock<IMailingExclusions> exclusions = new(MockBehavior.Strict);
    private readonly Mock<IBatchMailSender> mail = new(MockBehavior.Strict);
    private readonly Mock<ICampaignWorkQueue> queue = new(MockBehavior.Strict);
    private readonly StubRenderer renderer = new();
    private readonly List<(CampaignBatch Batch, List<CampaignDelivery> Rows)> recorded = [];
    private readonly List<BatchMail> requests = [];
    private FakeTimeProvider clock = Clock();

    public CampaignBatchSenderTests()
    {
        exclusions.Setup(e => e.LoadAsync(It.IsAny<OptOutCategory>(), It.IsAny<CancellationToken>())).ReturnsAsync(MailingExclusionSet.None);
        batches.Setup(b => b.TryClaimAsync(It.IsAny<CampaignBatch>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignBatch, CancellationToken>((b, _) => (b.Status, b.ClaimedAt, b.Version) = (CampaignBatchStatus.Sending, clock.GetUtcNow(), "v2"))
            .ReturnsAsync(true);
        batches.Setup(b => b.RecordAsync(It.IsAny<CampaignBatch>(), It.IsAny<IReadOnlyList<CampaignDelivery>>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignBatch, IReadOnlyList<CampaignDelivery>, CancellationToken>((b, rows, _) => recorded.Add((b, rows.ToList())))
            .ReturnsAsync(true);
        batches.Setup(b => b.MarkAsync(It.IsAny<CampaignBatch>(), It.IsAny<IReadOnlyList<CampaignDelivery>>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignBatch, IReadOnlyList<CampaignDelivery>, CancellationToken>((b, rows, _) => recorded.Add((b, rows.ToList())))
            .ReturnsAsync(true);
        batches.Setup(b => b.GetSummaryAsync(It.IsAny<string>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync((CampaignBatch?)null);
        mail.Setup(m => m.SendBatchAsync(It.IsAny<BatchMail>(), It.IsAny<CancellationToken>()))
            .Callback<BatchMail, CancellationToken>((m, _) => requests.Add(m))
            .ReturnsAsync(new MailSendResult("sg-1"));
    }

    [Fact]
    public async Task SendAsync_PlannedBatch_SendsOneRequestWithEveryRecipientsValuesAndRecordsThemSent()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        var batch = GivenBatch(campaign, 3, [Recipient("a", name: "Ole & <b>"), Recipient("b")]);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 3));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Sent, outcome);
        var request = Assert.Single(requests);
        Assert.Equal((campaign.Content.Subject, $"campaign:{campaign.Id}:3", "ledersektionen@sl.example", "leder@sl.example"), (request.Subject, request.BatchKey, request.From.Email, request.ReplyTo?.Email));
        Assert.Equal(["campaign", DistrictCode], request.Categories);
        var first = request.Recipients[0];
        Assert.Equal(("a@institution.example", CampaignDelivery.Key(campaign.Id, 3, Recipient("a").Key)), (first.To.Email, first.DeliveryKey));
        Assert.Equal("Ole &amp; &lt;b&gt;", first.Substitutions[RecipientTags.NameHtml]);
        Assert.Equal("Ole & <b>", first.Substitutions[RecipientTags.NameText]);
        Assert.Contains("Campaigns", first.UnsubscribeUrl.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, renderer.Renders);
        var (stored, rows) = Assert.Single(recorded);
        Assert.Equal((CampaignBatchStatus.Sent, "sg-1", new CampaignCounts(2, 2, 0, 0, 0)), (stored.Status, stored.ProviderMessageId, stored.Counts));
        Assert.All(rows, r => Assert.Equal((CampaignDeliveryStatus.Sent, "sg-1"), (r.Status, r.ProviderMessageId)));
    }

    [Fact]
    public async Task SendAsync_NewsletterBatch_IsCategorisedAsNewsletterWithItsUnsubscribeCategory()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending, OptOutCategory.Newsletter));
        GivenBatch(campaign, 0, [Recipient("a")]);

        // Act
        await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        var request = Assert.Single(requests);
        Assert.Equal(["newsletter", DistrictCode], request.Categories);
        Assert.Contains("Newsletter", request.Recipients[0].UnsubscribeUrl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RecipientSuppressedOrOptedOutSincePlanning_IsLeftOutOfTheRequestAndRecordedSuppressed()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a"), Recipient("b"), Recipient("c")]);
        exclusions.Setup(e => e.LoadAsync(OptOutCategory.Campaigns, It.IsAny<CancellationToken>())).ReturnsAsync(Excluding("b@institution.example"));

        // Act
        await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(["a@institution.example", "c@institution.example"], Assert.Single(requests).Recipients.Select(r => r.To.Email));
        var (stored, rows) = Assert.Single(recorded);
        Assert.Equal(new CampaignCounts(3, 2, 0, 1, 0), stored.Counts);
        Assert.Equal((Recipient("b").Key, CampaignDeliveryStatus.Suppressed), (rows[0].RecipientKey, rows[0].Status));
    }

    [Fact]
    public async Task SendAsync_EveryRecipientExcluded_SendsNoRequestAndRecordsTheBatchSent()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        exclusions.Setup(e => e.LoadAsync(OptOutCategory.Campaigns, It.IsAny<CancellationToken>())).ReturnsAsync(Excluding("a@institution.example"));

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Sent, outcome);
        Assert.Empty(requests);
        batches.Verify(b => b.TryClaimAsync(It.IsAny<CampaignBatch>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(new CampaignCounts(1, 0, 0, 1, 0), Assert.Single(recorded).Batch.Counts);
    }

    [Fact]
    public async Task SendAsync_At2300Copenhagen_QueuesTheBatchAgainForTheWindowsOpeningAndSendsNothing()
    {
        // Arrange: 22:00 UTC in December is 23:00 in Copenhagen; the window opens at 08:00.
        clock = Clock(new DateTimeOffset(2026, 12, 3, 22, 0, 0, TimeSpan.Zero));
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        queue.Setup(q => q.EnqueueBatchAsync(It.IsAny<CampaignBatchWorkItem>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Deferred, outcome);
        queue.Verify(q => q.EnqueueBatchAsync(new CampaignBatchWorkItem(campaign.Id, 0), TimeSpan.FromHours(9), It.IsAny<CancellationToken>()));
        Assert.Empty(requests);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task SendAsync_FoundSendingWithoutDeliveryRows_MarksEveryRecipientOutcomeUnknownAndSendsNothing()
    {
        // Arrange: a crash between the claim and the request's answer.
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a"), Recipient("b")], CampaignBatchStatus.Sending);
        batches.Setup(b => b.ListDeliveriesAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.OutcomeUnknown, outcome);
        Assert.Empty(requests);
        var (stored, rows) = Assert.Single(recorded);
        Assert.Equal((CampaignBatchStatus.OutcomeUnknown, new CampaignCounts(2, 0, 2, 0, 0)), (stored.Status, stored.Counts));
        Assert.All(rows, r => Assert.Equal(CampaignDeliveryStatus.OutcomeUnknown, r.Status));
    }

    [Fact]
    public async Task SendAsync_FoundSendingWithoutRowsClaimedAMinuteAgo_ComesBackAfterTheLeaseAndMarksNothing()
    {
        // Arrange: a duplicate work item while the claiming attempt may still be waiting out a 429.
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        var claimed = Batch(campaign, 0, [Recipient("a"), Recipient("b")], CampaignBatchStatus.Sending);
        claimed.ClaimedAt = clock.GetUtcNow().AddMinutes(-1);
        batches.Setup(b => b.GetAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync(claimed);
        batches.Setup(b => b.ListDeliveriesAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var requeued = new List<TimeSpan>();
        queue.Setup(q => q.EnqueueBatchAsync(new CampaignBatchWorkItem(campaign.Id, 0), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignBatchWorkItem, TimeSpan, CancellationToken>((_, wait, _) => requeued.Add(wait))
            .Returns(Task.CompletedTask);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Deferred, outcome);
        Assert.Equal(new CampaignSendingOptions().ClaimLease - TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1), Assert.Single(requeued));
        Assert.Empty(recorded);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task SendAsync_FoundSendingWithoutRowsClaimedLongerThanTheLease_MarksEveryRecipientOutcomeUnknown()
    {
        // Arrange: the claiming attempt cannot still be running (the host stops an invocation after functionTimeout).
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        var claimed = Batch(campaign, 0, [Recipient("a"), Recipient("b")], CampaignBatchStatus.Sending);
        claimed.ClaimedAt = clock.GetUtcNow() - new CampaignSendingOptions().ClaimLease - TimeSpan.FromSeconds(1);
        batches.Setup(b => b.GetAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync(claimed);
        batches.Setup(b => b.ListDeliveriesAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync([]);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.OutcomeUnknown, outcome);
        Assert.Equal(CampaignBatchStatus.OutcomeUnknown, Assert.Single(recorded).Item1.Status);
    }

    [Fact]
    public async Task SendAsync_FoundSendingWithHalfTheRowsWritten_RecordsTheRestSentWithTheSameMessageIdAndSendsNothing()
    {
        // Arrange: a crash after the request was accepted, half-way through writing the rows.
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        var recipients = Enumerable.Range(0, 4).Select(i => Recipient("r" + i)).ToList();
        GivenBatch(campaign, 0, recipients, CampaignBatchStatus.Sending);
        batches.Setup(b => b.ListDeliveriesAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync(
            recipients.Take(2).Select(r => new CampaignDelivery { CampaignId = campaign.Id, BatchNumber = 0, RecipientKey = r.Key, Status = CampaignDeliveryStatus.Sent, At = Now, ProviderMessageId = "sg-7" }).ToList());

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.AlreadyDone, outcome);
        Assert.Empty(requests);
        var (stored, rows) = Assert.Single(recorded);
        Assert.Equal(recipients.Skip(2).Select(r => r.Key), rows.Select(r => r.RecipientKey));
        Assert.All(rows, r => Assert.Equal((CampaignDeliveryStatus.Sent, "sg-7"), (r.Status, r.ProviderMessageId)));
        Assert.Equal((CampaignBatchStatus.Sent, "sg-7", new CampaignCounts(4, 4, 0, 0, 0)), (stored.Status, stored.ProviderMessageId, stored.Counts));
    }

    [Fact]
    public async Task SendAsync_RedeliveryMarkedTheBatchOutcomeUnknownDuringTheRequest_RecordsTheKnownOutcomeOverTheMark()
    {
        // Arrange: while this attempt waited for the provider, a redelivery found the batch Sending without rows.
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        var marked = Batch(campaign, 0, [], CampaignBatchStatus.OutcomeUnknown);
        (marked.ClaimedAt, marked.Version) = (Now, "v3");
        batches.Setup(b => b.GetSummaryAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync(marked);
        var attempts = new List<(CampaignBatchStatus, string?)>();
        batches.Setup(b => b.RecordAsync(It.IsAny<CampaignBatch>(), It.IsAny<IReadOnlyList<CampaignDelivery>>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignBatch, IReadOnlyList<CampaignDelivery>, CancellationToken>((b, _, _) => attempts.Add((b.Status, b.Version)))
            .ReturnsAsync(() => attempts.Count > 1);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Sent, outcome);
        Assert.Equal([(CampaignBatchStatus.Sent, "v2"), (CampaignBatchStatus.Sent, "v3")], attempts);
    }

    [Fact]
    public async Task SendAsync_BatchRecordedByAnotherClaimMeanwhile_LeavesThatOutcome()
    {
        // Arrange: the stored batch was recorded by an attempt with another claim.
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        var other = Batch(campaign, 0, [], CampaignBatchStatus.OutcomeUnknown);
        other.ClaimedAt = Now.AddMinutes(-10);
        batches.Setup(b => b.GetSummaryAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync(other);
        batches.Setup(b => b.RecordAsync(It.IsAny<CampaignBatch>(), It.IsAny<IReadOnlyList<CampaignDelivery>>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.AlreadyDone, outcome);
        batches.Verify(b => b.RecordAsync(It.IsAny<CampaignBatch>(), It.IsAny<IReadOnlyList<CampaignDelivery>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendAsync_MailNotSent_ReleasesTheClaimAndThrowsForTheQueueToRetry()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        mail.Setup(m => m.SendBatchAsync(It.IsAny<BatchMail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new MailNotSentException("429", TimeSpan.FromSeconds(5)));
        batches.Setup(b => b.ReleaseAsync(It.IsAny<CampaignBatch>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        // Act / Assert
        await Assert.ThrowsAsync<MailNotSentException>(() => Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0)));
        batches.Verify(b => b.ReleaseAsync(It.Is<CampaignBatch>(x => x.Number == 0), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task SendAsync_ProviderRefuses_RecordsTheBatchFailedWithItsRecipients()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a"), Recipient("b")]);
        mail.Setup(m => m.SendBatchAsync(It.IsAny<BatchMail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new MailRejectedException(400, ["from: not verified"]));

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Failed, outcome);
        var (stored, rows) = Assert.Single(recorded);
        Assert.Equal((CampaignBatchStatus.Failed, new CampaignCounts(2, 0, 0, 0, 2), "from: not verified"), (stored.Status, stored.Counts, stored.Detail));
        Assert.All(rows, r => Assert.Equal(CampaignDeliveryStatus.Failed, r.Status));
    }

    [Fact]
    public async Task SendAsync_OutcomeUnknown_RecordsEveryRecipientOutcomeUnknown()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        mail.Setup(m => m.SendBatchAsync(It.IsAny<BatchMail>(), It.IsAny<CancellationToken>())).ThrowsAsync(new MailOutcomeUnknownException("timeout"));

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.OutcomeUnknown, outcome);
        Assert.Equal(new CampaignCounts(1, 0, 1, 0, 0), Assert.Single(recorded).Batch.Counts);
    }

    [Fact]
    public async Task SendAsync_CampaignCancelled_RecordsTheBatchCancelledWithItsRecipientsFailedAndSendsNothing()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Cancelled));
        GivenBatch(campaign, 0, [Recipient("a"), Recipient("b")]);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.Cancelled, outcome);
        Assert.Empty(requests);
        var (stored, rows) = Assert.Single(recorded);
        Assert.Equal((CampaignBatchStatus.Cancelled, new CampaignCounts(2, 0, 0, 0, 2)), (stored.Status, stored.Counts));
        Assert.Empty(rows);
    }

    [Fact]
    public async Task SendAsync_BatchAlreadySent_SendsNothingAndAnswersAlreadyDone()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")], CampaignBatchStatus.Sent);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.AlreadyDone, outcome);
        Assert.Empty(requests);
        Assert.Empty(recorded);
    }

    [Fact]
    public async Task SendAsync_ClaimLostToAnotherWorker_SendsNothing()
    {
        // Arrange
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        GivenBatch(campaign, 0, [Recipient("a")]);
        batches.Setup(b => b.TryClaimAsync(It.IsAny<CampaignBatch>(), It.IsAny<CancellationToken>())).ReturnsAsync(false);

        // Act
        var outcome = await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 0));

        // Assert
        Assert.Equal(CampaignBatchOutcome.AlreadyDone, outcome);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task SendAsync_MoreBatchesThanRequestSlots_ClaimsAndSendsOnlyAsManyAtOnceAndSendsEveryOneInTheEnd()
    {
        // Arrange: the provider holds every request until released; two slots, five batches handed over at once.
        var campaign = await Given(Campaign(DistrictCode, CampaignStatus.Sending));
        for (var number = 0; number < 5; number++)
        {
            GivenBatch(campaign, number, [Recipient("r" + number)]);
        }

        var provider = new TaskCompletionSource();
        var (inFlight, mostAtOnce, claims) = (0, 0, 0);
        batches.Setup(b => b.TryClaimAsync(It.IsAny<CampaignBatch>(), It.IsAny<CancellationToken>()))
            .Callback<CampaignBatch, CancellationToken>((b, _) => (b.Status, b.ClaimedAt, b.Version, claims) = (CampaignBatchStatus.Sending, clock.GetUtcNow(), "v2", claims + 1))
            .ReturnsAsync(true);
        mail.Setup(m => m.SendBatchAsync(It.IsAny<BatchMail>(), It.IsAny<CancellationToken>())).Returns(async () =>
        {
            mostAtOnce = Math.Max(mostAtOnce, Interlocked.Increment(ref inFlight));
            await provider.Task;
            Interlocked.Decrement(ref inFlight);
            return new MailSendResult("sg-1");
        });
        using var sender = Sender(maxRequestsInFlight: 2);

        // Act
        var sending = Enumerable.Range(0, 5).Select(number => sender.SendAsync(new CampaignBatchWorkItem(campaign.Id, number))).ToList();
        var claimedWhileHeld = claims;
        provider.SetResult();
        var outcomes = await Task.WhenAll(sending);

        // Assert: the three waiting had not claimed their batch (a stop then leaves them to a plain retry).
        Assert.Equal(2, claimedWhileHeld);
        Assert.Equal(2, mostAtOnce);
        Assert.All(outcomes, outcome => Assert.Equal(CampaignBatchOutcome.Sent, outcome));
        Assert.Equal(5, recorded.Count);
    }

    [Fact]
    public async Task SendAsync_LastBatchOfTheCampaign_MarksTheCampaignSentWithCountsThatAddUp()
    {
        // Arrange: two batches; the other is sent already; one address was left out at planning.
        var campaign = Campaign(DistrictCode, CampaignStatus.Sending);
        campaign.BatchCount = 2;
        campaign.PlanningCounts = new CampaignCounts(4, 0, 0, 1, 0);
        await Given(campaign);
        GivenBatch(campaign, 1, [Recipient("a"), Recipient("b")]);
        var other = Batch(campaign, 0, [], CampaignBatchStatus.Sent);
        other.Counts = new CampaignCounts(1, 1, 0, 0, 0);
        batches.Setup(b => b.GetSummaryAsync(campaign.Id, 0, It.IsAny<CancellationToken>())).ReturnsAsync(other);
        batches.Setup(b => b.GetSummaryAsync(campaign.Id, 1, It.IsAny<CancellationToken>())).ReturnsAsync(() => recorded[^1].Batch);

        // Act
        await Sender().SendAsync(new CampaignBatchWorkItem(campaign.Id, 1));

        // Assert
        var stored = (await campaigns.GetAsync(campaign.Id, default))!;
        Assert.Equal((CampaignStatus.Sent, Now), (stored.Status, stored.CompletedAt));
        Assert.Equal(("sent", "planned 4, sent 3, outcome unknown 0, suppressed 1, failed 0"), (stored.History[^1].Action, stored.History[^1].Detail));
    }

    private async Task<Campaign> Given(Campaign campaign)
    {
        await campaigns.AddAsync(campaign, default);
        return campaign;
    }

    private CampaignBatch GivenBatch(Campaign campaign, int number, IReadOnlyList<CampaignRecipient> recipients, CampaignBatchStatus status = CampaignBatchStatus.Planned)
    {
        batches.Setup(b => b.GetAsync(campaign.Id, number, It.IsAny<CancellationToken>())).ReturnsAsync(() => Batch(campaign, number, recipients, status));
        return Batch(campaign, number, recipients, status);
    }

    private CampaignBatchSender Sender(int maxRequestsInFlight = 4) => new(
        campaigns,
        batches.Object,
        exclusions.Object,
        CampaignSendingTestData.Districts(DistrictCode),
        renderer,
        mail.Object,
        new LeaderFlowHarness.FixedTokens(),
        queue.Object,
        new CampaignCompletion(campaigns, batches.Object, clock, NullLogger<CampaignCompletion>.Instance),
        Options.Create(new CampaignSendingOptions { MaxRequestsInFlight = maxRequestsInFlight }),
        clock,
        NullLogger<CampaignBatchSender>.Instance);
}
