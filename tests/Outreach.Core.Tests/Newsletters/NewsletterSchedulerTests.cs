using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Leaders;
using Outreach.Core.Newsletters;
using Outreach.Core.Tests.Discovery;

namespace Outreach.Core.Tests.Newsletters;

public sealed class NewsletterSchedulerTests
{
    // Monday 4 January 2027, noon; the first Tuesday is 5 January, 09:00 Copenhagen = 08:00 UTC.
    private static readonly DateTimeOffset Monday = new(2027, 1, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DueAt = new(2027, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider time = new(Monday);
    private readonly Mock<ICampaignRepository> campaigns = new();
    private readonly Mock<ICampaignWorkQueue> queue = new();
    private readonly InMemoryCursorStore cursorStore = new();
    private readonly string district = "d" + Guid.NewGuid().ToString("N")[..8];

    private NewsletterScheduler Scheduler(string? schedule = NewsletterTestData.FirstTuesdayAtNine) =>
        new(new NewsletterTestData((district, schedule), ("quiet", null)), campaigns.Object, queue.Object, new NewsletterScheduleCursors(cursorStore), time, NullLogger<NewsletterScheduler>.Instance);

    private string IssueId => $"newsletter-{district}-2027-01";

    /// <summary>The first run only sets the cursor; then the clock moves to just after the occurrence.</summary>
    private async Task<NewsletterScheduler> StartedBeforeTheOccurrenceAsync(string? schedule = NewsletterTestData.FirstTuesdayAtNine)
    {
        var scheduler = Scheduler(schedule);
        Assert.Empty(await scheduler.RunDueAsync());
        time.SetUtcNow(DueAt.AddMinutes(3));
        return scheduler;
    }

    [Fact]
    public async Task RunDueAsync_FirstRunEver_SetsTheCursorToNowAndSendsNothingFromBefore()
    {
        // Arrange: the first run happens long after a first Tuesday.
        time.SetUtcNow(DueAt.AddDays(2));

        // Act
        var runs = await Scheduler().RunDueAsync();

        // Assert
        Assert.Empty(runs);
        Assert.Contains(DueAt.AddDays(2).Year.ToString(System.Globalization.CultureInfo.InvariantCulture), await cursorStore.GetAsync($"newsletter-schedule:{district}"), StringComparison.Ordinal);
        campaigns.VerifyNoOtherCalls();
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunDueAsync_NoIssueForTheMonth_SendsNothingAndTheRunSaysWhy()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();

        // Act
        var runs = await scheduler.RunDueAsync();

        // Assert
        var run = Assert.Single(runs);
        Assert.Equal((district, "2027-01", DueAt, (string?)null, "No issue for 2027-01: nothing was sent."), (run.District, run.Month, run.DueAt, run.CampaignId, run.Outcome));
        campaigns.Verify(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>()), Times.Once);
        campaigns.VerifyNoOtherCalls();
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunDueAsync_DraftIssue_SendsNothingAndTheRunSaysItIsNotApproved()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        var issue = NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Draft);
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(issue);

        // Act
        var run = Assert.Single(await scheduler.RunDueAsync());

        // Assert
        Assert.Equal("The issue for 2027-01 is not approved: nothing was sent.", run.Outcome);
        Assert.Equal(CampaignStatus.Draft, issue.Status);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunDueAsync_ApprovedIssueAndTheTimerRunsTwice_StartsAndPlansItOnce()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        var issue = NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Approved);
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(issue);

        // Act
        var first = await scheduler.RunDueAsync();
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await scheduler.RunDueAsync();

        // Assert
        var run = Assert.Single(first);
        Assert.Equal((IssueId, "Started."), (run.CampaignId, run.Outcome));
        Assert.Empty(second);
        Assert.Equal((CampaignStatus.Planning, "schedule"), (issue.Status, issue.SentBy));
        campaigns.Verify(c => c.UpdateAsync(issue, It.IsAny<CancellationToken>()), Times.Once);
        queue.Verify(q => q.EnqueuePlanAsync(new CampaignPlanWorkItem(IssueId), It.IsAny<CancellationToken>()), Times.Once);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunDueAsync_TwoOccurrencesOfOneMonthDueInOneRun_StartsTheIssueOnce()
    {
        // Arrange: a daily schedule at 09:00, and a timer that was down from Monday noon until Thursday.
        var scheduler = await StartedBeforeTheOccurrenceAsync("0 0 9 * * *");
        time.SetUtcNow(new DateTimeOffset(2027, 1, 7, 12, 0, 0, TimeSpan.Zero));
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(() => NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Approved));

        // Act
        var runs = await scheduler.RunDueAsync();

        // Assert: 5, 6 and 7 January; the stale reads would say "approved" every time.
        Assert.Equal(["Started.", "Already sent.", "Already sent."], runs.Select(r => r.Outcome));
        queue.Verify(q => q.EnqueuePlanAsync(It.IsAny<CampaignPlanWorkItem>(), It.IsAny<CancellationToken>()), Times.Once);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData(2027, 1, 5, 8)]
    [InlineData(2027, 7, 6, 7)]
    public async Task RunDueAsync_FirstTuesdayInWinterAndSummer_FiresAtNineCopenhagenTimeAndNotBefore(int year, int month, int day, int utcHour)
    {
        // Arrange: January is UTC+1 and July UTC+2, so 09:00 in Copenhagen is 08:00 and 07:00 UTC.
        var due = new DateTimeOffset(year, month, day, utcHour, 0, 0, TimeSpan.Zero);
        var issueId = $"newsletter-{district}-{year}-{month:00}";
        campaigns.Setup(c => c.GetAsync(issueId, It.IsAny<CancellationToken>())).ReturnsAsync(NewsletterTestData.Issue(district, $"{year}-{month:00}", CampaignStatus.Approved));
        time.SetUtcNow(due.AddHours(-12));
        var scheduler = Scheduler();
        await scheduler.RunDueAsync();

        // Act
        time.SetUtcNow(due.AddSeconds(-1));
        var before = await scheduler.RunDueAsync();
        time.SetUtcNow(due);
        var at = await scheduler.RunDueAsync();

        // Assert
        Assert.Empty(before);
        var run = Assert.Single(at);
        Assert.Equal((due, issueId, "Started."), (run.DueAt, run.CampaignId, run.Outcome));
        queue.Verify(q => q.EnqueuePlanAsync(new CampaignPlanWorkItem(issueId), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_IssueScheduledByStaffForLater_StartsItAtTheSchedulesTime()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        var issue = NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Scheduled);
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(issue);

        // Act
        var run = Assert.Single(await scheduler.RunDueAsync());

        // Assert
        Assert.Equal(("Started.", CampaignStatus.Planning, (DateTimeOffset?)null), (run.Outcome, issue.Status, issue.ScheduledAt));
        queue.Verify(q => q.EnqueuePlanAsync(new CampaignPlanWorkItem(IssueId), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_CancelledIssue_SendsNothingAndTheRunSaysWhy()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Cancelled));

        // Act
        var run = Assert.Single(await scheduler.RunDueAsync());

        // Assert
        Assert.Equal("The issue for 2027-01 was cancelled: nothing was sent.", run.Outcome);
        queue.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData(CampaignStatus.Sending)]
    [InlineData(CampaignStatus.Sent)]
    public async Task RunDueAsync_IssueAlreadySendingOrSent_SendsNothingMore(CampaignStatus status)
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(NewsletterTestData.Issue(district, "2027-01", status));

        // Act
        var run = Assert.Single(await scheduler.RunDueAsync());

        // Assert
        Assert.Equal("Already sent.", run.Outcome);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunDueAsync_IssueLeftPlanningByACrash_QueuesItsPlanningAgainWithoutSendingItAgain()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        var issue = NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Planning);
        campaigns.Setup(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>())).ReturnsAsync(issue);

        // Act
        var run = Assert.Single(await scheduler.RunDueAsync());

        // Assert
        Assert.Equal("Already sent.", run.Outcome);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
        queue.Verify(q => q.EnqueuePlanAsync(new CampaignPlanWorkItem(IssueId), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunDueAsync_IssueChangedWhileStarting_DecidesAgainOnTheStoredIssue()
    {
        // Arrange: staff edit the issue (back to draft) between the scheduler's read and its write.
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        campaigns.SetupSequence(c => c.GetAsync(IssueId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Approved))
            .ReturnsAsync(NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Draft));
        campaigns.Setup(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException());

        // Act
        var run = Assert.Single(await scheduler.RunDueAsync());

        // Assert
        Assert.Equal("The issue for 2027-01 is not approved: nothing was sent.", run.Outcome);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunDueAsync_AfterARun_ScheduleShowsTheLastRunAndTheNextIssue()
    {
        // Arrange
        var scheduler = await StartedBeforeTheOccurrenceAsync();
        await scheduler.RunDueAsync();
        campaigns.Setup(c => c.GetAsync($"newsletter-{district}-2027-02", It.IsAny<CancellationToken>()))
            .ReturnsAsync(NewsletterTestData.Issue(district, "2027-02", CampaignStatus.Approved));
        var service = new NewsletterService(
            campaigns.Object,
            Mock.Of<Core.RecipientLists.IRecipientListRepository>(),
            new NewsletterTestData((district, NewsletterTestData.FirstTuesdayAtNine)),
            Mock.Of<Core.CampaignRendering.ICampaignRenderer>(),
            new NewsletterScheduleCursors(cursorStore),
            time);

        // Act
        var status = await service.ScheduleAsync(district);

        // Assert: the first Tuesday of February 2027 is the 2nd.
        Assert.Equal(
            (NewsletterTestData.FirstTuesdayAtNine, (DateTimeOffset?)new DateTimeOffset(2027, 2, 2, 8, 0, 0, TimeSpan.Zero), "2027-02", $"newsletter-{district}-2027-02", "Approved"),
            (status.Schedule, status.NextAt, status.NextMonth, status.NextIssueId, status.NextIssueStatus));
        Assert.Equal("No issue for 2027-01: nothing was sent.", status.LastRun!.Outcome);
    }
}
