namespace Outreach.Core.Campaigns;

/// <summary>
/// Where a campaign is: <c>Draft → Approved → (Scheduled →) Planning → Sending → Sent</c>, or <c>Cancelled</c> from any
/// state before <c>Sent</c>. Editing an approved or scheduled campaign takes it back to <c>Draft</c>.
/// </summary>
public enum CampaignStatus
{
    /// <summary>Being written; may be edited, previewed and tested.</summary>
    Draft = 0,

    /// <summary>Approved (by someone other than the author when signed by the chair); may be sent or scheduled.</summary>
    Approved = 1,

    /// <summary>Approved and waiting for <see cref="Campaign.ScheduledAt"/>.</summary>
    Scheduled = 2,

    /// <summary>The audience is being frozen into batches.</summary>
    Planning = 3,

    /// <summary>The audience is frozen and the batches are on the queue.</summary>
    Sending = 4,

    /// <summary>Every batch has an outcome.</summary>
    Sent = 5,

    /// <summary>Stopped by staff; batches not yet sent never will be.</summary>
    Cancelled = 6,
}
