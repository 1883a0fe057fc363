namespace Outreach.Core.CampaignSending;

/// <summary>Starts the scheduled campaigns whose time has come (planning is queued for each).</summary>
public sealed class ScheduledCampaigns
{
    /// <summary>Starts every scheduled campaign due now; answers how many were started. Called by a timer every few minutes.</summary>
    public Task<int> StartDueAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
