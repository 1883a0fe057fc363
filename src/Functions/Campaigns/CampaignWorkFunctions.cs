using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Outreach.Core.CampaignSending;
using Outreach.Core.Email;
using Outreach.Core.Newsletters;
using Outreach.Core.Storage;
using Outreach.Functions.Letters;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// The campaign work that runs without staff (DESIGN §3.5–3.6): planning freezes a campaign's audience into batches
/// (<c>campaign-plans</c>), each batch is one provider request (<c>campaign-batches</c>), and a timer starts scheduled
/// campaigns and the districts' newsletter issues when they are due. Core makes each step safe to repeat, so a
/// redelivered message sends nothing twice.
/// </summary>
public sealed partial class CampaignWorkFunctions(
    CampaignPlanner planner,
    CampaignBatchSender sender,
    ScheduledCampaigns scheduled,
    NewsletterScheduler newsletters,
    ILogger<CampaignWorkFunctions> logger)
{
    /// <summary>
    /// Every 5 minutes, in UTC. The districts' newsletter schedules are NCRONTAB in Europe/Copenhagen time, and Core
    /// evaluates them (with a cursor per district) rather than this trigger with <c>WEBSITE_TIME_ZONE</c>: that setting is
    /// not supported on Linux, so not on Flex Consumption where the app runs, and one app-wide zone or schedule could not
    /// serve several districts with their own schedules anyway. Core's occurrences follow summer and winter time; this
    /// timer only decides how soon after an occurrence it is noticed (at most 5 minutes).
    /// </summary>
    public const string ScheduleCheck = "0 */5 * * * *";

    /// <summary>Queue <c>PlanCampaign</c>: freezes one campaign's audience into batches and queues them.</summary>
    [Function("PlanCampaign")]
    public async Task PlanAsync(
        [QueueTrigger(StorageNames.CampaignPlanQueue, Connection = LetterQueues.Connection)] string message, CancellationToken cancellationToken)
    {
        var item = WorkItemReader.Read(message, CampaignWorkItemJsonContext.Default.CampaignPlanWorkItem, StorageNames.CampaignPlanQueue,
            plan => string.IsNullOrWhiteSpace(plan.CampaignId) ? "campaignId is missing" : null, logger);
        await planner.PlanAsync(item, cancellationToken).ConfigureAwait(false);
        LogPlanned(logger, item.CampaignId);
    }

    /// <summary>
    /// Queue <c>SendCampaignBatch</c>: sends one frozen batch as one provider request. When the mail certainly did not go
    /// out (<see cref="MailNotSentException"/>: rate limited, connection refused) Core gives the claim back and the
    /// exception fails the invocation, so the host delivers the message again later (and to poison after
    /// <c>maxDequeueCount</c>).
    /// </summary>
    [Function("SendCampaignBatch")]
    public async Task SendBatchAsync(
        [QueueTrigger(StorageNames.CampaignBatchQueue, Connection = LetterQueues.Connection)] string message, CancellationToken cancellationToken)
    {
        var item = WorkItemReader.Read(message, CampaignWorkItemJsonContext.Default.CampaignBatchWorkItem, StorageNames.CampaignBatchQueue,
            batch => string.IsNullOrWhiteSpace(batch.CampaignId) ? "campaignId is missing" : batch.BatchNumber < 0 ? "batchNumber is negative" : null, logger);
        CampaignBatchOutcome outcome;
        try
        {
            outcome = await sender.SendAsync(item, cancellationToken).ConfigureAwait(false);
        }
        catch (MailNotSentException exception)
        {
            LogNotSent(logger, item.CampaignId, item.BatchNumber, exception.RetryAfter);
            throw;
        }

        LogBatch(logger, item.CampaignId, item.BatchNumber, outcome);
    }

    /// <summary>
    /// Timer <c>RunCampaignSchedules</c>: starts the scheduled campaigns that are due, then runs the districts' newsletter
    /// schedules. Each part runs even when the other fails; a failure still fails the invocation (after both), so it is
    /// seen, and the next run 5 minutes later picks up what is still due.
    /// </summary>
    [Function("RunCampaignSchedules")]
    public async Task RunSchedulesAsync([TimerTrigger(ScheduleCheck)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var failures = new List<Exception>();
        try
        {
            var started = await scheduled.StartDueAsync(cancellationToken).ConfigureAwait(false);
            LogScheduled(logger, started, timer.IsPastDue);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogScheduleFailed(logger, "scheduled campaigns", exception);
            failures.Add(exception);
        }

        try
        {
            foreach (var run in await newsletters.RunDueAsync(cancellationToken).ConfigureAwait(false))
            {
                LogNewsletterRun(logger, run.District, run.Month, run.CampaignId ?? "none", run.Outcome);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogScheduleFailed(logger, "newsletter schedules", exception);
            failures.Add(exception);
        }

        if (failures.Count > 0)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException("Both schedule runs failed.", failures);
        }
    }

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "Campaign {CampaignId} planned")]
    private static partial void LogPlanned(ILogger logger, string campaignId);

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Campaign {CampaignId} batch {BatchNumber}: {Outcome}")]
    private static partial void LogBatch(ILogger logger, string campaignId, int batchNumber, CampaignBatchOutcome outcome);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning,
        Message = "Campaign {CampaignId} batch {BatchNumber} was not sent (retry after {RetryAfter}); the queue delivers it again")]
    private static partial void LogNotSent(ILogger logger, string campaignId, int batchNumber, TimeSpan? retryAfter);

    [LoggerMessage(EventId = 324, Level = LogLevel.Information, Message = "Scheduled campaigns: {Started} started (past due: {PastDue})")]
    private static partial void LogScheduled(ILogger logger, int started, bool pastDue);

    [LoggerMessage(EventId = 325, Level = LogLevel.Information, Message = "Newsletter schedule of {District} for {Month}: issue {CampaignId}, {Outcome}")]
    private static partial void LogNewsletterRun(ILogger logger, string district, string month, string campaignId, string outcome);

    [LoggerMessage(EventId = 326, Level = LogLevel.Error, Message = "Running the {Part} failed; the next run in 5 minutes tries again")]
    private static partial void LogScheduleFailed(ILogger logger, string part, Exception exception);
}
