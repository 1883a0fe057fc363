namespace Outreach.Core.CampaignSending;

/// <summary>
/// Freezes a campaign's audience: resolves the segment and lists, removes duplicate addresses and those suppressed or
/// opted out of the campaign's category, splits the rest into batches of up to 1000 per variant, stores them and queues
/// one work item per batch. Planning again after a crash gives the same result and never a second batch set.
/// </summary>
public sealed class CampaignPlanner
{
    /// <summary>Plans one campaign (a work item of <c>campaign-plans</c>).</summary>
    public Task PlanAsync(CampaignPlanWorkItem item, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
