using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Outreach.Core.Discovery;
using Outreach.Functions.Imports;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Discovery;

/// <summary>Discovery (DESIGN §3.1): daily on a timer, and on demand for staff who just updated a source.</summary>
public sealed partial class DiscoveryFunctions(DiscoveryService discovery, ILogger<DiscoveryFunctions> logger)
{
    /// <summary>The daily schedule (NCRONTAB with seconds; the host's time zone, UTC unless configured).</summary>
    public const string Schedule = "0 0 6 * * *";

    /// <summary>
    /// Timer <c>DiscoverLeaders</c>: reads every leader source; Core queues a welcome for every leader still waiting for one
    /// in batches as it goes. No <c>[QueueOutput]</c> here on purpose: the host writes an output binding only after the
    /// function succeeds, so a run that stops half-way would leave the leaders it stored without their welcomes.
    /// </summary>
    [Function("DiscoverLeaders")]
    public async Task DiscoverLeadersAsync([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        var report = await discovery.RunAsync(cancellationToken).ConfigureAwait(false);
        LogDiscovered(logger, report.Discovered, report.Updated, report.Unchanged, report.Problems.Count, report.QueuedWelcomes.Count, timer.IsPastDue);
    }

    /// <summary><c>POST /api/staff/discovery/runs</c>: the same run as the timer, now.</summary>
    [Function("RunDiscovery")]
    [StaffAuthorize]
    public async Task<IResult> RunDiscoveryAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "staff/discovery/runs")] HttpRequest request, CancellationToken cancellationToken)
    {
        var report = await discovery.RunAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(ImportResult.From(report));
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information,
        Message = "Discovery: {Discovered} new, {Updated} updated, {Unchanged} unchanged, {Problems} problem(s); {Welcomes} welcome(s) queued (past due: {PastDue})")]
    private static partial void LogDiscovered(ILogger logger, int discovered, int updated, int unchanged, int problems, int welcomes, bool pastDue);
}
