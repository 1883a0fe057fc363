namespace Outreach.Core.CampaignSending;

/// <summary>What one attempt to send a batch did.</summary>
public enum CampaignBatchOutcome
{
    /// <summary>The request was accepted and the deliveries recorded.</summary>
    Sent = 0,

    /// <summary>The batch had an outcome already (a redelivered work item); nothing was sent.</summary>
    AlreadyDone = 1,

    /// <summary>The request may or may not have reached the provider; its recipients are marked so.</summary>
    OutcomeUnknown = 2,

    /// <summary>The provider refused the request.</summary>
    Failed = 3,

    /// <summary>The campaign was cancelled; nothing was sent.</summary>
    Cancelled = 4,

    /// <summary>Outside the district's send window: queued again for the next opening.</summary>
    Deferred = 5,
}
