namespace Outreach.Core.Operations;

/// <summary>What staff found in SendGrid's activity about a letter whose outcome was unknown.</summary>
public enum DeliveryResolution
{
    /// <summary>SendGrid accepted it: the letter counts as sent.</summary>
    Sent = 0,

    /// <summary>SendGrid never got it: the claim is released and the letter queued again.</summary>
    NotSent = 1,
}
