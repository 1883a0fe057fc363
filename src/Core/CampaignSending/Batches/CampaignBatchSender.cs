using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Email;

namespace Outreach.Core.CampaignSending;

/// <summary>
/// Sends one frozen batch as one provider request, exactly once: re-checks suppressions and opt-outs, claims the batch,
/// renders its variant once, sends, and records one delivery row per recipient. A redelivered work item sends nothing
/// twice; a batch whose outcome is unknown is marked so for its recipients, never resent blindly.
/// </summary>
public sealed partial class CampaignBatchSender : IDisposable
{
    private const int MaxDetailLength = 500;
    private const int MaxRecordAttempts = 3;

    private readonly ICampaignRepository campaigns;
    private readonly ICampaignBatchStore batches;
    private readonly IMailingExclusions exclusions;
    private readonly IDistrictCatalog districts;
    private readonly ICampaignRenderer renderer;
    private readonly IBatchMailSender mail;
    private readonly Unsubscribe.IUnsubscribeTokens tokens;
    private readonly ICampaignWorkQueue queue;
    private readonly CampaignCompletion completion;
    private readonly TimeSpan claimLease;
    private readonly SemaphoreSlim requestSlots;
    private readonly TimeProvider time;
    private readonly ILogger<CampaignBatchSender> logger;

    internal CampaignBatchSender(
        ICampaignRepository campaigns,
        ICampaignBatchStore batches,
        IMailingExclusions exclusions,
        IDistrictCatalog districts,
        ICampaignRenderer renderer,
        IBatchMailSender mail,
        Unsubscribe.IUnsubscribeTokens tokens,
        ICampaignWorkQueue queue,
        CampaignCompletion completion,
        IOptions<CampaignSendingOptions> options,
        TimeProvider time,
        ILogger<CampaignBatchSender> logger)
    {
        claimLease = options.Value.ClaimLease;
        requestSlots = new SemaphoreSlim(options.Value.MaxRequestsInFlight, options.Value.MaxRequestsInFlight);
        this.campaigns = campaigns;
        this.batches = batches;
        this.exclusions = exclusions;
        this.districts = districts;
        this.renderer = renderer;
        this.mail = mail;
        this.tokens = tokens;
        this.queue = queue;
        this.completion = completion;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Sends one batch (a work item of <c>campaign-batches</c>).</summary>
    /// <exception cref="Email.MailNotSentException">Nothing was sent and the claim was given back: the queue should retry.</exception>
    public async Task<CampaignBatchOutcome> SendAsync(CampaignBatchWorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var campaign = await campaigns.GetAsync(item.CampaignId, cancellationToken).ConfigureAwait(false);
        var batch = campaign is null ? null : await batches.GetAsync(item.CampaignId, item.BatchNumber, cancellationToken).ConfigureAwait(false);
        if (campaign is null || batch is null)
        {
            LogUnknownBatch(logger, item.CampaignId, item.BatchNumber);
            return CampaignBatchOutcome.AlreadyDone;
        }

        if (CampaignCompletion.IsFinal(batch.Status))
        {
            // A redelivered work item; the campaign may still wait for its completion (a crash right after recording).
            await completion.TryCompleteAsync(campaign, batch.Number, cancellationToken).ConfigureAwait(false);
            return CampaignBatchOutcome.AlreadyDone;
        }

        if (batch.Status == CampaignBatchStatus.Sending)
        {
            return await ResolveInterruptedAsync(item, campaign, batch, cancellationToken).ConfigureAwait(false);
        }

        if (campaign.Status == CampaignStatus.Cancelled)
        {
            return await CancelAsync(campaign, batch, cancellationToken).ConfigureAwait(false);
        }

        var district = districts.GetRequired(campaign.District);
        if (SendWindows.DelayUntilOpen(district.SendWindow, time.GetUtcNow()) is { } delay)
        {
            await queue.EnqueueBatchAsync(item, delay, cancellationToken).ConfigureAwait(false);
            LogDeferred(logger, campaign.Id, batch.Number, delay);
            return CampaignBatchOutcome.Deferred;
        }

        // Re-checked now: somebody may have bounced, complained or opted out since planning.
        var excluded = await exclusions.LoadAsync(campaign.Category, cancellationToken).ConfigureAwait(false);
        var sendable = new List<CampaignRecipient>(batch.Recipients.Count);
        var suppressed = new List<CampaignRecipient>();
        foreach (var recipient in batch.Recipients)
        {
            (excluded.Excludes(recipient.Key, recipient.Email) ? suppressed : sendable).Add(recipient);
        }

        var now = time.GetUtcNow();
        // Suppressed rows go first, so that a redelivery finding some rows of an interrupted recording finds them.
        var rows = suppressed.Select(recipient => Row(batch, recipient, CampaignDeliveryStatus.Suppressed, now, null, "Suppressed or opted out since planning.")).ToList();
        if (sendable.Count == 0)
        {
            // No request: nothing to claim, the recording itself is conditional on the version read.
            batch.Status = CampaignBatchStatus.Sent;
            batch.CompletedAt = now;
            batch.Counts = new CampaignCounts(batch.Recipients.Count, 0, 0, suppressed.Count, 0);
            batch.Detail = "Every recipient was suppressed or opted out since planning; no request was made.";
            return await RecordAsync(campaign, batch, rows, CampaignBatchOutcome.Sent).ConfigureAwait(false);
        }

        // A slot before the claim: a batch waiting for one is not claimed yet, so a stop while waiting leaves nothing to resolve.
        await requestSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        CampaignDeliveryStatus status;
        CampaignBatchOutcome outcome;
        string? messageId = null;
        string? detail = null;
        try
        {
            if (!await batches.TryClaimAsync(batch, cancellationToken).ConfigureAwait(false))
            {
                // Another worker has it (a duplicate work item).
                return CampaignBatchOutcome.AlreadyDone;
            }

            (status, outcome, messageId, detail) = await SendClaimedAsync(district, campaign, batch, sendable, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            requestSlots.Release();
        }

        // From here on the request had its answer: record it even if the caller gives up waiting.
        now = time.GetUtcNow();
        rows.AddRange(sendable.Select(recipient => Row(batch, recipient, status, now, messageId, detail)));
        batch.Status = outcome switch
        {
            CampaignBatchOutcome.Sent => CampaignBatchStatus.Sent,
            CampaignBatchOutcome.Failed => CampaignBatchStatus.Failed,
            _ => CampaignBatchStatus.OutcomeUnknown,
        };
        batch.CompletedAt = now;
        batch.ProviderMessageId = messageId;
        batch.Detail = detail;
        batch.Counts = Count(batch.Recipients.Count, rows);
        return await RecordAsync(campaign, batch, rows, outcome).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => requestSlots.Dispose();

    // The request of a claimed batch and its answer. Nothing went out (content that cannot be composed, or the provider
    // certainly did not take it): the claim is given back and the exception goes to the queue, which retries.
    private async Task<(CampaignDeliveryStatus Status, CampaignBatchOutcome Outcome, string? MessageId, string? Detail)> SendClaimedAsync(
        DistrictOptions district, Campaign campaign, CampaignBatch batch, IReadOnlyList<CampaignRecipient> sendable, CancellationToken cancellationToken)
    {
        BatchMail letter;
        try
        {
            letter = Compose(district, campaign, batch, sendable);
        }
        catch
        {
            await batches.ReleaseAsync(batch, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        try
        {
            var messageId = (await mail.SendBatchAsync(letter, cancellationToken).ConfigureAwait(false)).ProviderMessageId;
            return (CampaignDeliveryStatus.Sent, CampaignBatchOutcome.Sent, messageId, null);
        }
        catch (MailNotSentException)
        {
            await batches.ReleaseAsync(batch, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (MailRejectedException exception)
        {
            LogRejected(logger, campaign.Id, batch.Number, exception.Status, exception);
            return (CampaignDeliveryStatus.Failed, CampaignBatchOutcome.Failed, null, Truncate(string.Join("; ", exception.Errors)));
        }
        catch (MailOutcomeUnknownException exception)
        {
            LogOutcomeUnknown(logger, campaign.Id, batch.Number, exception);
            return (CampaignDeliveryStatus.OutcomeUnknown, CampaignBatchOutcome.OutcomeUnknown, null, Truncate(exception.Message));
        }

        // Anything else (stopped while the request was out) keeps the claim: the batch's outcome is unknown and a
        // redelivery marks it so once the lease has passed.
    }

    private static CampaignCounts Count(int size, IReadOnlyCollection<CampaignDelivery> rows) => new(
        size,
        rows.Count(row => row.Status == CampaignDeliveryStatus.Sent),
        rows.Count(row => row.Status == CampaignDeliveryStatus.OutcomeUnknown),
        rows.Count(row => row.Status == CampaignDeliveryStatus.Suppressed),
        rows.Count(row => row.Status == CampaignDeliveryStatus.Failed));

    private static CampaignDelivery Row(CampaignBatch batch, CampaignRecipient recipient, CampaignDeliveryStatus status, DateTimeOffset at, string? messageId, string? detail) => new()
    {
        CampaignId = batch.CampaignId,
        BatchNumber = batch.Number,
        RecipientKey = recipient.Key,
        Status = status,
        At = at,
        ProviderMessageId = messageId,
        Detail = detail,
    };

    // The stored time may be rounded; claims of different attempts are seconds apart at least.
    private static bool SameClaim(DateTimeOffset? stored, DateTimeOffset? mine) =>
        (stored, mine) switch
        {
            (null, null) => true,
            ({ } a, { } b) => (a - b).Duration() < TimeSpan.FromMilliseconds(1),
            _ => false,
        };

    private static string Truncate(string text) => text.Length <= MaxDetailLength ? text : text[..MaxDetailLength];

    // Records what this attempt knows happened. When the batch changed meanwhile, it was a redelivery that found it
    // Sending and marked it outcome unknown (or recorded the rest as sent from the rows written so far): this attempt
    // knows better and records its outcome over that mark. An outcome recorded by another request's answer stands.
    private async Task<CampaignBatchOutcome> RecordAsync(Campaign campaign, CampaignBatch batch, IReadOnlyList<CampaignDelivery> rows, CampaignBatchOutcome outcome)
    {
        for (var attempt = 1; !await batches.RecordAsync(batch, rows, CancellationToken.None).ConfigureAwait(false); attempt++)
        {
            var stored = await batches.GetSummaryAsync(batch.CampaignId, batch.Number, CancellationToken.None).ConfigureAwait(false);
            if (stored is null || attempt >= MaxRecordAttempts ||
                stored.Status is not (CampaignBatchStatus.OutcomeUnknown or CampaignBatchStatus.Sending) || !SameClaim(stored.ClaimedAt, batch.ClaimedAt))
            {
                LogRecordedElsewhere(logger, batch.CampaignId, batch.Number, stored?.Status);
                return CampaignBatchOutcome.AlreadyDone;
            }

            batch.Version = stored.Version;
        }

        LogRecorded(logger, batch.CampaignId, batch.Number, batch.Status, batch.Counts.Sent, batch.Counts.Suppressed);
        await completion.TryCompleteAsync(campaign, batch.Number, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    // Found Sending: an earlier attempt claimed the batch and stopped (or is still under way). Delivery rows are only
    // written after the request had its answer, so any row means the request was accepted: the rest are recorded as
    // sent with the same message id. No row: the request may or may not have gone out, so every recipient is marked
    // outcome unknown, never resent. Both records are conditional on the version read, like LetterDispatcher's mark.
    // A claim younger than the lease may belong to an attempt that is still running (a duplicate work item arrived while
    // it waits out a 429 or for SendGrid's answer): this copy comes back when the lease has passed instead of marking
    // recipients outcome unknown whose outcome the live attempt is about to know.
    private async Task<CampaignBatchOutcome> ResolveInterruptedAsync(CampaignBatchWorkItem item, Campaign campaign, CampaignBatch batch, CancellationToken cancellationToken)
    {
        var written = await batches.ListDeliveriesAsync(batch.CampaignId, batch.Number, CancellationToken.None).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (written.Count == 0 && batch.ClaimedAt is { } claimedAt && now - claimedAt < claimLease)
        {
            var wait = claimLease - (now - claimedAt) + TimeSpan.FromSeconds(1);
            await queue.EnqueueBatchAsync(item, wait, cancellationToken).ConfigureAwait(false);
            LogClaimStillLeased(logger, batch.CampaignId, batch.Number, wait);
            return CampaignBatchOutcome.Deferred;
        }

        CampaignBatchOutcome outcome;
        List<CampaignDelivery> rows;
        if (written.Count > 0)
        {
            var answered = written.FirstOrDefault(row => row.Status != CampaignDeliveryStatus.Suppressed);
            var status = answered?.Status ?? CampaignDeliveryStatus.Sent;
            var messageId = written.Select(row => row.ProviderMessageId).FirstOrDefault(id => id is not null);
            var done = written.Select(row => row.RecipientKey).ToHashSet(StringComparer.Ordinal);
            rows = batch.Recipients.Where(recipient => !done.Contains(recipient.Key))
                .Select(recipient => Row(batch, recipient, status, now, messageId, answered?.Detail ?? "Recorded after an interruption: the request had been answered."))
                .ToList();
            batch.Status = status switch
            {
                CampaignDeliveryStatus.Failed => CampaignBatchStatus.Failed,
                CampaignDeliveryStatus.OutcomeUnknown => CampaignBatchStatus.OutcomeUnknown,
                _ => CampaignBatchStatus.Sent,
            };
            batch.ProviderMessageId = messageId;
            batch.Counts = Count(batch.Recipients.Count, [.. written, .. rows]);
            outcome = CampaignBatchOutcome.AlreadyDone;
        }
        else
        {
            rows = batch.Recipients
                .Select(recipient => Row(batch, recipient, CampaignDeliveryStatus.OutcomeUnknown, now, null, "An earlier attempt stopped after claiming the batch and before recording the request's outcome."))
                .ToList();
            batch.Status = CampaignBatchStatus.OutcomeUnknown;
            batch.Counts = new CampaignCounts(batch.Recipients.Count, 0, batch.Recipients.Count, 0, 0);
            batch.Detail = "An earlier attempt stopped after claiming the batch and before recording the request's outcome.";
            outcome = CampaignBatchOutcome.OutcomeUnknown;
        }

        batch.CompletedAt = now;
        // A mark must not replace rows the live attempt writes after the read above (its answer came meanwhile).
        var recorded = outcome == CampaignBatchOutcome.OutcomeUnknown
            ? await batches.MarkAsync(batch, rows, CancellationToken.None).ConfigureAwait(false)
            : await batches.RecordAsync(batch, rows, CancellationToken.None).ConfigureAwait(false);
        if (!recorded)
        {
            // The live attempt recorded its outcome meanwhile: that one stands.
            LogRecordedElsewhere(logger, batch.CampaignId, batch.Number, null);
            return CampaignBatchOutcome.AlreadyDone;
        }

        LogResolved(logger, batch.CampaignId, batch.Number, batch.Status);
        await completion.TryCompleteAsync(campaign, batch.Number, CancellationToken.None).ConfigureAwait(false);
        return outcome;
    }

    private async Task<CampaignBatchOutcome> CancelAsync(Campaign campaign, CampaignBatch batch, CancellationToken cancellationToken)
    {
        batch.Status = CampaignBatchStatus.Cancelled;
        batch.CompletedAt = time.GetUtcNow();
        batch.Counts = new CampaignCounts(batch.Recipients.Count, 0, 0, 0, batch.Recipients.Count);
        batch.Detail = "The campaign was cancelled before the batch was sent.";
        if (!await batches.RecordAsync(batch, [], cancellationToken).ConfigureAwait(false))
        {
            return CampaignBatchOutcome.AlreadyDone;
        }

        LogCancelled(logger, campaign.Id, batch.Number);
        return CampaignBatchOutcome.Cancelled;
    }

    private BatchMail Compose(DistrictOptions district, Campaign campaign, CampaignBatch batch, IReadOnlyList<CampaignRecipient> recipients)
    {
        var rendered = renderer.Render(district, campaign, batch.Variant);
        return new BatchMail
        {
            BatchKey = FormattableString.Invariant($"campaign:{campaign.Id}:{batch.Number}"),
            From = new EmailAddress(district.Sender.Email, district.Sender.Name),
            ReplyTo = string.IsNullOrWhiteSpace(district.ReplyTo) ? null : new EmailAddress(district.ReplyTo),
            Subject = rendered.Subject,
            TextBody = rendered.Text,
            HtmlBody = rendered.Html,
            Categories = [campaign.Kind == CampaignKind.Newsletter ? "newsletter" : "campaign", district.Code],
            Recipients = recipients.Select(recipient =>
            {
                var unsubscribe = tokens.CreateLink(district.Code, recipient.Email, campaign.Category);
                return new BatchMailRecipient
                {
                    To = new EmailAddress(recipient.Email, recipient.Name),
                    DeliveryKey = CampaignDelivery.Key(campaign.Id, batch.Number, recipient.Key),
                    UnsubscribeUrl = unsubscribe,
                    Substitutions = RecipientTags.Substitutions(recipient.Name, unsubscribe),
                };
            }).ToList(),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No batch {BatchNumber} of campaign {CampaignId} to send")]
    private static partial void LogUnknownBatch(ILogger logger, string campaignId, int batchNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchNumber} of campaign {CampaignId} waits {Delay} for the district's send window")]
    private static partial void LogDeferred(ILogger logger, string campaignId, int batchNumber, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchNumber} of campaign {CampaignId} is {Status}: {Sent} sent, {Suppressed} suppressed")]
    private static partial void LogRecorded(ILogger logger, string campaignId, int batchNumber, CampaignBatchStatus status, int sent, int suppressed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Batch {BatchNumber} of campaign {CampaignId} was interrupted after its claim; recorded as {Status}")]
    private static partial void LogResolved(ILogger logger, string campaignId, int batchNumber, CampaignBatchStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchNumber} of campaign {CampaignId} had its outcome recorded by another attempt ({Status})")]
    private static partial void LogRecordedElsewhere(ILogger logger, string campaignId, int batchNumber, CampaignBatchStatus? status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchNumber} of campaign {CampaignId} is cancelled")]
    private static partial void LogCancelled(ILogger logger, string campaignId, int batchNumber);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail provider refused batch {BatchNumber} of campaign {CampaignId} ({Status})")]
    private static partial void LogRejected(ILogger logger, string campaignId, int batchNumber, int status, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch {BatchNumber} of campaign {CampaignId} is claimed by an attempt that may still be running; this work item comes back in {Wait}")]
    private static partial void LogClaimStillLeased(ILogger logger, string campaignId, int batchNumber, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of batch {BatchNumber} of campaign {CampaignId} is unknown; it is not resent")]
    private static partial void LogOutcomeUnknown(ILogger logger, string campaignId, int batchNumber, Exception exception);
}
