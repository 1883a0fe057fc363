using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Outreach.Core.Letters;

namespace Outreach.Functions.Letters;

/// <summary>
/// The letters (DESIGN §3.2–3.3): a welcome per <c>welcome-letters</c> message, a daily sweep that queues the follow-ups
/// that are due, and a follow-up per <c>follow-up-letters</c> message. Core claims each delivery, so a redelivered message
/// sends nothing twice.
/// </summary>
public sealed partial class LetterFunctions(WelcomeService welcomes, FollowUpService followUps, ILogger<LetterFunctions> logger)
{
    /// <summary>The sweep's daily schedule, half an hour after discovery.</summary>
    public const string FollowUpSchedule = "0 30 6 * * *";

    /// <summary>Queue <c>SendWelcome</c>: sends one welcome letter.</summary>
    [Function("SendWelcome")]
    public async Task SendWelcomeAsync(
        [QueueTrigger(LetterQueues.Welcome, Connection = LetterQueues.Connection)] string message, CancellationToken cancellationToken)
    {
        var item = WorkItemReader.Read(message, WorkItemJsonContext.Default.WelcomeWorkItem, LetterQueues.Welcome, welcome => Missing(welcome.District, welcome.LeaderId), logger);
        var outcome = await welcomes.SendAsync(item, cancellationToken).ConfigureAwait(false);
        LogWelcome(logger, item.District, item.LeaderId, outcome);
    }

    /// <summary>Timer <c>FollowUpSweep</c>: returns one <c>follow-up-letters</c> message per follow-up that is due.</summary>
    [Function("FollowUpSweep")]
    [QueueOutput(LetterQueues.FollowUp, Connection = LetterQueues.Connection)]
    public async Task<string[]> FollowUpSweepAsync([TimerTrigger(FollowUpSchedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var due = await followUps.FindDueAsync(cancellationToken).ConfigureAwait(false);
        LogSweep(logger, due.Count, timer.IsPastDue);
        return [.. due.Select(item => JsonSerializer.Serialize(item, WorkItemJsonContext.Default.FollowUpWorkItem))];
    }

    /// <summary>Queue <c>SendFollowUp</c>: sends one follow-up letter.</summary>
    [Function("SendFollowUp")]
    public async Task SendFollowUpAsync(
        [QueueTrigger(LetterQueues.FollowUp, Connection = LetterQueues.Connection)] string message, CancellationToken cancellationToken)
    {
        var item = WorkItemReader.Read(
            message,
            WorkItemJsonContext.Default.FollowUpWorkItem,
            LetterQueues.FollowUp,
            followUp => Missing(followUp.District, followUp.LeaderId) ?? (followUp.FollowUpNumber is < 1 or > 2 ? "followUpNumber must be 1 or 2" : null), logger);
        var outcome = await followUps.SendAsync(item, cancellationToken).ConfigureAwait(false);
        LogFollowUp(logger, item.FollowUpNumber, item.District, item.LeaderId, outcome);
    }

    private static string? Missing(string? district, string? leaderId) =>
        string.IsNullOrWhiteSpace(district) ? "district is missing"
        : string.IsNullOrWhiteSpace(leaderId) ? "leaderId is missing"
        : null;

    [LoggerMessage(EventId = 311, Level = LogLevel.Information, Message = "Welcome for leader {LeaderId} in {District}: {Outcome}")]
    private static partial void LogWelcome(ILogger logger, string district, string leaderId, LetterOutcome outcome);

    [LoggerMessage(EventId = 312, Level = LogLevel.Information, Message = "Follow-up sweep: {Count} follow-up(s) queued (past due: {PastDue})")]
    private static partial void LogSweep(ILogger logger, int count, bool pastDue);

    [LoggerMessage(EventId = 313, Level = LogLevel.Information, Message = "Follow-up {Number} for leader {LeaderId} in {District}: {Outcome}")]
    private static partial void LogFollowUp(ILogger logger, int number, string district, string leaderId, LetterOutcome outcome);
}
