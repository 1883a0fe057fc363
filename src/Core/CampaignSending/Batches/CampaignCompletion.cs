using System.Globalization;
using Microsoft.Extensions.Logging;
using Outreach.Core.Campaigns;
using Outreach.Core.Leaders;

namespace Outreach.Core.CampaignSending;

/// <summary>
/// Moves a campaign to <see cref="CampaignStatus.Sent"/> once every batch has an outcome. Every batch sender asks after
/// recording; it probes the batches after its own first, so that all but the last few stop at the first batch still
/// waiting (one cheap read) instead of reading every batch.
/// </summary>
internal sealed partial class CampaignCompletion
{
    private const int MaxAttempts = 5;

    private readonly ICampaignRepository campaigns;
    private readonly ICampaignBatchStore batches;
    private readonly TimeProvider time;
    private readonly ILogger<CampaignCompletion> logger;

    public CampaignCompletion(ICampaignRepository campaigns, ICampaignBatchStore batches, TimeProvider time, ILogger<CampaignCompletion> logger)
    {
        this.campaigns = campaigns;
        this.batches = batches;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>True when a batch status is an outcome (nothing more will be sent for it).</summary>
    public static bool IsFinal(CampaignBatchStatus status) =>
        status is CampaignBatchStatus.Sent or CampaignBatchStatus.OutcomeUnknown or CampaignBatchStatus.Failed or CampaignBatchStatus.Cancelled;

    /// <summary>
    /// The campaign's counts: the planning's (audience and those left out then) plus every batch's outcome.
    /// <see cref="CampaignCounts.Planned"/> is the audience after removing duplicates, so it equals the sum of the rest
    /// once every batch is final.
    /// </summary>
    public static CampaignCounts Total(CampaignCounts planning, IEnumerable<CampaignBatch> outcomes)
    {
        ArgumentNullException.ThrowIfNull(planning);
        var sums = outcomes.Aggregate(CampaignCounts.None, (sum, batch) => sum.Add(batch.Counts));
        return new CampaignCounts(planning.Planned, sums.Sent, sums.OutcomeUnknown, planning.Suppressed + sums.Suppressed, sums.Failed);
    }

    /// <summary>A history detail with the counts (numbers only, no personal data).</summary>
    public static string Describe(CampaignCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"planned {counts.Planned}, sent {counts.Sent}, outcome unknown {counts.OutcomeUnknown}, suppressed {counts.Suppressed}, failed {counts.Failed}");
    }

    /// <summary>
    /// Marks <paramref name="campaign"/> sent if it is sending and every batch is final; tolerates a concurrent update
    /// (another batch completing it, or staff cancelling) by reading it again. True when this call completed it.
    /// </summary>
    /// <param name="campaign">The campaign as the caller read it.</param>
    /// <param name="after">The caller's batch number (probing starts after it), or -1.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    public async Task<bool> TryCompleteAsync(Campaign campaign, int after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var current = campaign;
        for (var attempt = 1; ; attempt++)
        {
            if (current.Status != CampaignStatus.Sending || current.BatchCount <= 0)
            {
                return false;
            }

            var outcomes = new List<CampaignBatch>(current.BatchCount);
            for (var i = 1; i <= current.BatchCount; i++)
            {
                var number = (after + i) % current.BatchCount;
                var batch = await batches.GetSummaryAsync(current.Id, number, cancellationToken).ConfigureAwait(false);
                if (batch is null || !IsFinal(batch.Status))
                {
                    return false;
                }

                outcomes.Add(batch);
            }

            var now = time.GetUtcNow();
            var counts = Total(current.PlanningCounts, outcomes);
            current.Status = CampaignStatus.Sent;
            current.CompletedAt = now;
            current.Record(now, "system", "sent", Describe(counts));
            try
            {
                await campaigns.UpdateAsync(current, cancellationToken).ConfigureAwait(false);
                LogCompleted(logger, current.Id, counts.Planned, counts.Sent, counts.OutcomeUnknown, counts.Suppressed, counts.Failed);
                return true;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                // Somebody else wrote it (another batch completed it, or staff cancelled): decide again on a fresh copy.
                current = await campaigns.GetAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
                if (current is null)
                {
                    return false;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is sent: planned {Planned}, sent {Sent}, outcome unknown {OutcomeUnknown}, suppressed {Suppressed}, failed {Failed}")]
    private static partial void LogCompleted(ILogger logger, string campaignId, int planned, int sent, int outcomeUnknown, int suppressed, int failed);
}
