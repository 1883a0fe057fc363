namespace Outreach.Core.Newsletters;

/// <summary>
/// Runs the districts' newsletter schedules (NCRONTAB in Europe/Copenhagen time): for every occurrence due since the
/// last run, starts the month's approved issue; with no approved issue nothing is sent, and the run says why.
/// </summary>
public sealed class NewsletterScheduler
{
    /// <summary>Handles every occurrence due now; called by a timer every few minutes.</summary>
    public Task<IReadOnlyList<NewsletterRun>> RunDueAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
