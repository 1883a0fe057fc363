using Microsoft.Extensions.Logging;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;

namespace Outreach.Core.Newsletters;

/// <summary>
/// Runs the districts' newsletter schedules (NCRONTAB in Europe/Copenhagen time): for every occurrence due since the
/// last run, starts the month's approved issue; with no approved issue nothing is sent, and the run says why.
/// </summary>
/// <remarks>
/// Each district's cursor (<c>newsletter-schedule:{district}</c> in the cursors table) says up to when occurrences are
/// handled. The first run ever only sets it to now: nothing from before the schedule existed is sent. An occurrence's
/// month is its Copenhagen month, and its issue is started at most once: an issue that is planning, sending or sent is
/// never asked to send again, and a run that meets the same issue twice (two occurrences in one month) starts it once.
/// The cursor moves past each occurrence after it is handled, so a crash repeats at most the occurrence in hand; an
/// issue found still planning then has its (idempotent) planning queued again, so a crash between saving the issue and
/// queueing the planning cannot leave it stuck.
/// </remarks>
public sealed partial class NewsletterScheduler
{
    /// <summary>Who the campaign history names as having asked for the send.</summary>
    public const string Actor = "schedule";

    private const int MaxAttempts = 3;

    private readonly IDistrictCatalog districts;
    private readonly ICampaignRepository campaigns;
    private readonly ICampaignWorkQueue queue;
    private readonly NewsletterScheduleCursors cursors;
    private readonly TimeProvider time;
    private readonly ILogger<NewsletterScheduler> logger;

    internal NewsletterScheduler(
        IDistrictCatalog districts,
        ICampaignRepository campaigns,
        ICampaignWorkQueue queue,
        NewsletterScheduleCursors cursors,
        TimeProvider time,
        ILogger<NewsletterScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(cursors);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        this.districts = districts;
        this.campaigns = campaigns;
        this.queue = queue;
        this.cursors = cursors;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Handles every occurrence due now; called by a timer every few minutes.</summary>
    public async Task<IReadOnlyList<NewsletterRun>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var runs = new List<NewsletterRun>();
        foreach (var district in districts.All)
        {
            if (string.IsNullOrWhiteSpace(district.NewsletterSchedule))
            {
                continue;
            }

            var schedule = NewsletterSchedule.Parse(district.NewsletterSchedule);
            var state = await cursors.ReadAsync(district.Code, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                await cursors.WriteAsync(district.Code, new NewsletterScheduleState(now, null), cancellationToken).ConfigureAwait(false);
                LogScheduleStarted(logger, district.Code);
                continue;
            }

            var lastRun = state.LastRun;
            var started = new HashSet<string>(StringComparer.Ordinal);
            foreach (var dueAt in schedule.Occurrences(state.Cursor, now))
            {
                var run = await RunOccurrenceAsync(district.Code, dueAt, now, started, cancellationToken).ConfigureAwait(false);
                runs.Add(run);
                lastRun = run;
                await cursors.WriteAsync(district.Code, new NewsletterScheduleState(dueAt, run), cancellationToken).ConfigureAwait(false);
            }

            // Up to now, so that a schedule changed later never reaches back to times before the change.
            await cursors.WriteAsync(district.Code, new NewsletterScheduleState(now, lastRun), cancellationToken).ConfigureAwait(false);
        }

        return runs;
    }

    private async Task<NewsletterRun> RunOccurrenceAsync(string district, DateTimeOffset dueAt, DateTimeOffset now, HashSet<string> started, CancellationToken cancellationToken)
    {
        var month = NewsletterSchedule.MonthOf(dueAt);
        var issueId = NewsletterIssues.IdOf(district, month);
        if (started.Contains(issueId))
        {
            LogAlreadySent(logger, district, month);
            return new NewsletterRun(district, month, dueAt, null, "Already sent.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var issue = await campaigns.GetAsync(issueId, cancellationToken).ConfigureAwait(false);
            if (issue is null || issue.Kind != CampaignKind.Newsletter)
            {
                LogNoIssue(logger, district, month);
                return new NewsletterRun(district, month, dueAt, null, $"No issue for {month}: nothing was sent.");
            }

            switch (issue.Status)
            {
                case CampaignStatus.Draft:
                    LogNotApproved(logger, district, month);
                    return new NewsletterRun(district, month, dueAt, null, $"The issue for {month} is not approved: nothing was sent.");
                case CampaignStatus.Cancelled:
                    LogCancelled(logger, district, month);
                    return new NewsletterRun(district, month, dueAt, null, $"The issue for {month} was cancelled: nothing was sent.");
                case CampaignStatus.Planning:
                    // Saved as started but perhaps never queued (a crash in between); planning again is harmless.
                    await queue.EnqueuePlanAsync(new CampaignPlanWorkItem(issue.Id), cancellationToken).ConfigureAwait(false);
                    started.Add(issueId);
                    LogAlreadySent(logger, district, month);
                    return new NewsletterRun(district, month, dueAt, null, "Already sent.");
                case CampaignStatus.Sending or CampaignStatus.Sent:
                    LogAlreadySent(logger, district, month);
                    return new NewsletterRun(district, month, dueAt, null, "Already sent.");
            }

            // Approved, or scheduled by staff for a time of their own: the schedule's time has come first.
            issue.RequestSend(Actor, now, null);
            try
            {
                await campaigns.UpdateAsync(issue, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Somebody changed it meanwhile (edited, sent, cancelled): decide again on what is stored now.
                continue;
            }

            await queue.EnqueuePlanAsync(new CampaignPlanWorkItem(issue.Id), cancellationToken).ConfigureAwait(false);
            started.Add(issueId);
            LogStarted(logger, district, month);
            return new NewsletterRun(district, month, dueAt, issue.Id, "Started.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter schedule of {District} runs from now on; earlier occurrences are not sent")]
    private static partial void LogScheduleStarted(ILogger logger, string district);

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter of {District} for {Month} started")]
    private static partial void LogStarted(ILogger logger, string district, string month);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Newsletter of {District} for {Month} not sent: there is no issue")]
    private static partial void LogNoIssue(ILogger logger, string district, string month);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Newsletter of {District} for {Month} not sent: the issue is not approved")]
    private static partial void LogNotApproved(ILogger logger, string district, string month);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Newsletter of {District} for {Month} not sent: the issue was cancelled")]
    private static partial void LogCancelled(ILogger logger, string district, string month);

    [LoggerMessage(Level = LogLevel.Information, Message = "Newsletter of {District} for {Month} already sent")]
    private static partial void LogAlreadySent(ILogger logger, string district, string month);
}
