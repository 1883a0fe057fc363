namespace Outreach.Core.CampaignSending;

/// <summary>
/// Sends one frozen batch as one provider request, exactly once: re-checks suppressions and opt-outs, claims the batch,
/// renders its variant once, sends, and records one delivery row per recipient. A redelivered work item sends nothing
/// twice; a batch whose outcome is unknown is marked so for its recipients, never resent blindly.
/// </summary>
public sealed class CampaignBatchSender
{
    /// <summary>Sends one batch (a work item of <c>campaign-batches</c>).</summary>
    /// <exception cref="Email.MailNotSentException">Nothing was sent and the claim was given back: the queue should retry.</exception>
    public Task<CampaignBatchOutcome> SendAsync(CampaignBatchWorkItem item, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
