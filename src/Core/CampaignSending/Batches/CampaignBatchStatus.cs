namespace Outreach.Core.CampaignSending;

/// <summary>How far one batch (one provider request) got.</summary>
public enum CampaignBatchStatus
{
    /// <summary>Frozen and waiting on the queue.</summary>
    Planned = 0,

    /// <summary>Claimed by a worker; the request may be under way. Left like this by a crash, it means outcome unknown.</summary>
    Sending = 1,

    /// <summary>The provider accepted the request; the delivery rows say who was in it.</summary>
    Sent = 2,

    /// <summary>The request may or may not have reached the provider; its recipients are marked so and not resent.</summary>
    OutcomeUnknown = 3,

    /// <summary>The provider refused the request; nothing was sent.</summary>
    Failed = 4,

    /// <summary>The campaign was cancelled before the batch was sent.</summary>
    Cancelled = 5,
}
