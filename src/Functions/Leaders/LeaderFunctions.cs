using Outreach.Core.Discovery;
using Outreach.Core.Letters;
using Outreach.Functions.Invocations;

namespace Outreach.Functions.Leaders;

/// <summary>Timer <c>DiscoverLeaders</c>: runs discovery, which queues a welcome for every leader waiting for one as it goes.</summary>
public sealed class DiscoverLeadersFunction(DiscoveryService discovery) : ITimerFunction
{
    /// <summary>The function (folder) name.</summary>
    public const string Name = "DiscoverLeaders";

    /// <summary>The queue output binding writing to <c>welcome-letters</c>.</summary>
    public const string WelcomesBinding = "welcomes";

    /// <inheritdoc />
    public async Task<InvocationResult> RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var report = await discovery.RunAsync(cancellationToken).ConfigureAwait(false);
        return new InvocationResult()
            .Log($"Discovery: {report.Discovered} new, {report.Updated} updated, {report.Unchanged} unchanged, {report.Problems.Count} problem(s); {report.QueuedWelcomes.Count} welcome(s) queued{(timer.IsPastDue ? " (run was past due)" : "")}.");
    }
}

/// <summary>Queue <c>SendWelcome</c> (trigger <c>welcome-letters</c>): sends one welcome letter.</summary>
public sealed class SendWelcomeFunction(WelcomeService welcomes) : IQueueFunction<WelcomeWorkItem>
{
    /// <summary>The function (folder) name.</summary>
    public const string Name = "SendWelcome";

    /// <inheritdoc />
    public async Task<InvocationResult> RunAsync(WelcomeWorkItem item, QueueMessageMetadata message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcome = await welcomes.SendAsync(item, cancellationToken).ConfigureAwait(false);
        return new InvocationResult().Log($"Welcome for leader {item.LeaderId} in {item.District}: {outcome} (attempt {message.DequeueCount}).");
    }
}

/// <summary>Timer <c>FollowUpSweep</c>: queues the follow-ups that are due (output <c>followUps</c>).</summary>
public sealed class FollowUpSweepFunction(FollowUpService followUps) : ITimerFunction
{
    /// <summary>The function (folder) name.</summary>
    public const string Name = "FollowUpSweep";

    /// <summary>The queue output binding writing to <c>follow-up-letters</c>.</summary>
    public const string FollowUpsBinding = "followUps";

    /// <inheritdoc />
    public async Task<InvocationResult> RunAsync(TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var due = await followUps.FindDueAsync(cancellationToken).ConfigureAwait(false);
        return new InvocationResult()
            .AddQueueMessages(FollowUpsBinding, due, WorkItemJsonContext.Default.FollowUpWorkItem)
            .Log($"Follow-up sweep: {due.Count} follow-up(s) queued.");
    }
}

/// <summary>Queue <c>SendFollowUp</c> (trigger <c>follow-up-letters</c>): sends one follow-up letter.</summary>
public sealed class SendFollowUpFunction(FollowUpService followUps) : IQueueFunction<FollowUpWorkItem>
{
    /// <summary>The function (folder) name.</summary>
    public const string Name = "SendFollowUp";

    /// <inheritdoc />
    public async Task<InvocationResult> RunAsync(FollowUpWorkItem item, QueueMessageMetadata message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var outcome = await followUps.SendAsync(item, cancellationToken).ConfigureAwait(false);
        return new InvocationResult().Log($"Follow-up {item.FollowUpNumber} for leader {item.LeaderId} in {item.District}: {outcome} (attempt {message.DequeueCount}).");
    }
}

/// <summary>Registers the leader flows' payload functions.</summary>
public static class LeaderFunctionsServiceCollectionExtensions
{
    /// <summary>The trigger binding name of the two queue functions (<c>Data.message</c>).</summary>
    public const string MessageBinding = "message";

    /// <summary>The trigger binding name of the two timer functions (<c>Data.timer</c>).</summary>
    public const string TimerBinding = "timer";

    /// <summary>Registers DiscoverLeaders, SendWelcome, FollowUpSweep and SendFollowUp.</summary>
    public static IServiceCollection AddLeaderFunctions(this IServiceCollection services) =>
        services
            .AddTimerFunction<DiscoverLeadersFunction>(DiscoverLeadersFunction.Name, TimerBinding)
            .AddQueueFunction<WelcomeWorkItem, SendWelcomeFunction>(
                SendWelcomeFunction.Name, MessageBinding, WorkItemJsonContext.Default.WelcomeWorkItem, item => MissingLeader(item.District, item.LeaderId))
            .AddTimerFunction<FollowUpSweepFunction>(FollowUpSweepFunction.Name, TimerBinding)
            .AddQueueFunction<FollowUpWorkItem, SendFollowUpFunction>(
                SendFollowUpFunction.Name,
                MessageBinding,
                WorkItemJsonContext.Default.FollowUpWorkItem,
                item => MissingLeader(item.District, item.LeaderId) ?? (item.FollowUpNumber is < 1 or > 2 ? "followUpNumber must be 1 or 2" : null));

    private static string? MissingLeader(string? district, string? leaderId) =>
        string.IsNullOrWhiteSpace(district) ? "district is missing"
        : string.IsNullOrWhiteSpace(leaderId) ? "leaderId is missing"
        : null;
}
