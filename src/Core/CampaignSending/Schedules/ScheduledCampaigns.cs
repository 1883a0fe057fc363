using Microsoft.Extensions.Logging;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;

namespace Outreach.Core.CampaignSending;

/// <summary>Starts the scheduled campaigns whose time has come (planning is queued for each).</summary>
public sealed partial class ScheduledCampaigns
{
    /// <summary>How long a campaign may sit in Planning before its planning is queued again.</summary>
    internal static readonly TimeSpan StuckPlanning = TimeSpan.FromMinutes(15);

    private readonly ICampaignRepository campaigns;
    private readonly ICampaignWorkQueue queue;
    private readonly TimeProvider time;
    private readonly ILogger<ScheduledCampaigns> logger;

    internal ScheduledCampaigns(ICampaignRepository campaigns, ICampaignWorkQueue queue, TimeProvider time, ILogger<ScheduledCampaigns> logger)
    {
        this.campaigns = campaigns;
        this.queue = queue;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Starts every scheduled campaign due now; answers how many were started. Called by a timer every few minutes.</summary>
    public async Task<int> StartDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var started = 0;
        foreach (var campaign in await campaigns.ListByStatusAsync(CampaignStatus.Scheduled, cancellationToken).ConfigureAwait(false))
        {
            if (campaign.Status != CampaignStatus.Scheduled || campaign.ScheduledAt is { } at && at > now)
            {
                continue;
            }

            campaign.StartScheduled(now);
            try
            {
                await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                // Staff edited or cancelled it meanwhile, or another timer started it: the next run decides again.
                LogChanged(logger, campaign.Id);
                continue;
            }

            await queue.EnqueuePlanAsync(new CampaignPlanWorkItem(campaign.Id), cancellationToken).ConfigureAwait(false);
            LogStarted(logger, campaign.Id);
            started++;
        }

        // A crash between saving Planning and queueing its planning (here or where staff sent it) would leave a campaign
        // waiting for ever; planning is idempotent, so one that has waited long is queued again.
        foreach (var campaign in await campaigns.ListByStatusAsync(CampaignStatus.Planning, cancellationToken).ConfigureAwait(false))
        {
            var since = campaign.History.Count > 0 ? campaign.History[^1].At : campaign.CreatedAt;
            if (campaign.Status == CampaignStatus.Planning && now - since > StuckPlanning)
            {
                await queue.EnqueuePlanAsync(new CampaignPlanWorkItem(campaign.Id), cancellationToken).ConfigureAwait(false);
                LogRequeued(logger, campaign.Id);
            }
        }

        return started;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled campaign {CampaignId} is due: planning queued")]
    private static partial void LogStarted(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled campaign {CampaignId} changed while it was started; left for the next run")]
    private static partial void LogChanged(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId} has waited in Planning too long; its planning is queued again")]
    private static partial void LogRequeued(ILogger logger, string campaignId);
}
