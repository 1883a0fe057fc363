using System.Globalization;
using Microsoft.Extensions.Logging;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.CampaignSending;

/// <summary>
/// Freezes a campaign's audience: resolves the segment and lists, removes duplicate addresses and those suppressed or
/// opted out of the campaign's category, splits the rest into batches of up to 1000 per variant, stores them and queues
/// one work item per batch. Planning again after a crash gives the same result and never a second batch set.
/// </summary>
public sealed partial class CampaignPlanner
{
    private const int MaxAttempts = 3;

    private readonly ICampaignRepository campaigns;
    private readonly ILeaderRepository leaders;
    private readonly IRecipientListRepository lists;
    private readonly IMailingExclusions exclusions;
    private readonly ICampaignBatchStore batches;
    private readonly ICampaignWorkQueue queue;
    private readonly CampaignCompletion completion;
    private readonly TimeProvider time;
    private readonly ILogger<CampaignPlanner> logger;

    internal CampaignPlanner(
        ICampaignRepository campaigns,
        ILeaderRepository leaders,
        IRecipientListRepository lists,
        IMailingExclusions exclusions,
        ICampaignBatchStore batches,
        ICampaignWorkQueue queue,
        CampaignCompletion completion,
        TimeProvider time,
        ILogger<CampaignPlanner> logger)
    {
        this.campaigns = campaigns;
        this.leaders = leaders;
        this.lists = lists;
        this.exclusions = exclusions;
        this.batches = batches;
        this.queue = queue;
        this.completion = completion;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Plans one campaign (a work item of <c>campaign-plans</c>).</summary>
    /// <exception cref="ConcurrencyConflictException">The campaign kept changing while it was planned; the queue retries.</exception>
    public async Task PlanAsync(CampaignPlanWorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        for (var attempt = 1; ; attempt++)
        {
            var campaign = await campaigns.GetAsync(item.CampaignId, cancellationToken).ConfigureAwait(false);
            switch (campaign?.Status)
            {
                case null:
                    LogUnknownCampaign(logger, item.CampaignId);
                    return;
                case CampaignStatus.Cancelled:
                    LogNotPlanned(logger, campaign.Id, campaign.Status);
                    return;
                case CampaignStatus.Sending:
                    await ResumeAsync(campaign, cancellationToken).ConfigureAwait(false);
                    return;
                case CampaignStatus.Planning:
                    if (await TryPlanAsync(campaign, cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    if (attempt >= MaxAttempts)
                    {
                        throw new ConcurrencyConflictException($"Campaign {campaign.Id} kept changing while it was planned.");
                    }

                    // It changed meanwhile (cancelled, or planned by a duplicate work item): decide again on a fresh copy.
                    continue;
                default:
                    LogNotPlanned(logger, campaign.Id, campaign.Status);
                    return;
            }
        }
    }

    /// <summary>True when <paramref name="leader"/> is in <paramref name="segment"/> (municipalities compared ignoring case).</summary>
    internal static bool Matches(LeaderSegment segment, Leader leader)
    {
        if (segment.Municipalities is { Count: > 0 } municipalities &&
            (leader.Municipality is not { } municipality || !municipalities.Any(m => string.Equals(m.Trim(), municipality.Trim(), StringComparison.OrdinalIgnoreCase))))
        {
            return false;
        }

        if (segment.Membership is { Count: > 0 } membership && !membership.Contains(leader.Membership))
        {
            return false;
        }

        if (segment.States is { Count: > 0 } states && !states.Contains(leader.State))
        {
            return false;
        }

        // A bound on the hiring date leaves out leaders whose date is not known.
        if (segment.HiredFrom is { } from && (leader.HireDate is not { } hired || hired < from))
        {
            return false;
        }

        return segment.HiredTo is not { } to || (leader.HireDate is { } hireDate && hireDate <= to);
    }

    // A crash after freezing: the batch set stands; queue again every batch without an outcome (a duplicate work item
    // finds its batch claimed or final and sends nothing), or complete the campaign if they all have one.
    private async Task ResumeAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var stored = await batches.ListAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
        var waiting = stored.Where(batch => !CampaignCompletion.IsFinal(batch.Status)).Select(batch => new CampaignBatchWorkItem(campaign.Id, batch.Number)).ToList();
        if (waiting.Count == 0)
        {
            await completion.TryCompleteAsync(campaign, -1, cancellationToken).ConfigureAwait(false);
            return;
        }

        await queue.EnqueueBatchesAsync(waiting, cancellationToken).ConfigureAwait(false);
        LogResumed(logger, campaign.Id, waiting.Count);
    }

    private async Task<bool> TryPlanAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        // Leftovers of an interrupted planning are replaced; but a batch that got further than Planned means another
        // planning finished and its batches are being sent: never replace those, read the campaign again instead.
        var leftovers = await batches.ListAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
        if (leftovers.Any(batch => batch.Status != CampaignBatchStatus.Planned))
        {
            return false;
        }

        var audience = await ResolveAudienceAsync(campaign, cancellationToken).ConfigureAwait(false);
        var excluded = await exclusions.LoadAsync(campaign.Category, cancellationToken).ConfigureAwait(false);
        var frozen = Split(campaign, audience.Values.Where(recipient => !excluded.Excludes(recipient.Key, recipient.Email)));
        var recipients = frozen.Sum(batch => batch.Recipients.Count);
        var counts = new CampaignCounts(audience.Count, 0, 0, audience.Count - recipients, 0);
        await batches.FreezeAsync(campaign.Id, frozen, cancellationToken).ConfigureAwait(false);

        var now = time.GetUtcNow();
        campaign.PlanningCounts = counts;
        campaign.BatchCount = frozen.Count;
        campaign.SendingStartedAt = now;
        campaign.Status = CampaignStatus.Sending;
        campaign.Record(now, "system", "planned", string.Create(
            CultureInfo.InvariantCulture, $"{counts.Planned} recipients, {counts.Suppressed} left out (suppressed or opted out), {frozen.Count} batches"));
        if (frozen.Count == 0)
        {
            // Nobody to write to: the campaign is done.
            campaign.Status = CampaignStatus.Sent;
            campaign.CompletedAt = now;
            campaign.Record(now, "system", "sent", CampaignCompletion.Describe(counts));
        }

        try
        {
            await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            return false;
        }

        LogPlanned(logger, campaign.Id, counts.Planned, counts.Suppressed, frozen.Count);
        if (frozen.Count > 0)
        {
            // A crash before this line leaves the campaign Sending with nothing queued: the redelivered plan work item
            // finds it Sending and queues the batches then.
            await queue.EnqueueBatchesAsync(frozen.Select(batch => new CampaignBatchWorkItem(campaign.Id, batch.Number)).ToList(), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    // Leaders first, so that a leader wins over a list row with the same address; then every list, in order.
    private async Task<Dictionary<string, CampaignRecipient>> ResolveAudienceAsync(Campaign campaign, CancellationToken cancellationToken)
    {
        var audience = new Dictionary<string, CampaignRecipient>(StringComparer.Ordinal);
        if (campaign.Audience.Segment is { } segment)
        {
            // States can be filtered by the table; the rest (case-insensitive municipalities, membership, dates) here.
            var filter = new LeaderFilter { States = segment.States is { Count: > 0 } states ? states : null };
            await foreach (var leader in leaders.StreamAsync(campaign.District, filter, cancellationToken).ConfigureAwait(false))
            {
                if (Matches(segment, leader) && EmailAddresses.IsValid(leader.Email))
                {
                    var key = EmailAddresses.Hash(leader.Email);
                    audience.TryAdd(key, new CampaignRecipient
                    {
                        Key = key,
                        Email = leader.Email,
                        Name = leader.Name,
                        Municipality = leader.Municipality,
                        Membership = leader.Membership,
                        LeaderId = leader.LeaderId,
                    });
                }
            }
        }

        foreach (var listId in campaign.Audience.ListIds)
        {
            await foreach (var entry in lists.ReadEntriesAsync(listId, cancellationToken).ConfigureAwait(false))
            {
                if (EmailAddresses.IsValid(entry.Email))
                {
                    var key = EmailAddresses.Hash(entry.Email);
                    audience.TryAdd(key, new CampaignRecipient
                    {
                        Key = key,
                        Email = entry.Email,
                        Name = entry.Name,
                        Municipality = entry.Municipality,
                        Role = entry.Role,
                    });
                }
            }
        }

        return audience;
    }

    // Deterministic: variants in ordinal order, recipients by key within a variant, so planning the same audience
    // again gives the same batches with the same numbers.
    private static List<CampaignBatch> Split(Campaign campaign, IEnumerable<CampaignRecipient> recipients)
    {
        var frozen = new List<CampaignBatch>();
        var variants = recipients
            .GroupBy(recipient => CampaignVariant.For(campaign.Content, recipient.Membership), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var variant in variants)
        {
            foreach (var chunk in variant.OrderBy(recipient => recipient.Key, StringComparer.Ordinal).Chunk(CampaignBatch.MaxRecipients))
            {
                frozen.Add(new CampaignBatch
                {
                    CampaignId = campaign.Id,
                    Number = frozen.Count,
                    Variant = variant.Key,
                    Recipients = chunk,
                    Status = CampaignBatchStatus.Planned,
                    Counts = new CampaignCounts(chunk.Length, 0, 0, 0, 0),
                });
            }
        }

        return frozen;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No campaign {CampaignId} to plan")]
    private static partial void LogUnknownCampaign(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is {Status}: nothing to plan")]
    private static partial void LogNotPlanned(ILogger logger, string campaignId, CampaignStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Planned campaign {CampaignId}: {Planned} recipients, {Suppressed} left out, {Batches} batches")]
    private static partial void LogPlanned(ILogger logger, string campaignId, int planned, int suppressed, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} was planned already; queued its {Batches} batches without an outcome again")]
    private static partial void LogResumed(ILogger logger, string campaignId, int batches);
}
