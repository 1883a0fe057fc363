namespace Outreach.Core.CampaignSending;

/// <summary>What happened to one recipient of a campaign.</summary>
public enum CampaignDeliveryStatus
{
    /// <summary>Accepted by the provider (or written to the outbox).</summary>
    Sent = 0,

    /// <summary>In a request whose outcome is unknown; not resent.</summary>
    OutcomeUnknown = 1,

    /// <summary>Left out at sending: suppressed or opted out since planning.</summary>
    Suppressed = 2,

    /// <summary>In a request the provider refused.</summary>
    Failed = 3,
}
