namespace Outreach.Core.CampaignSending;

/// <summary>Settings of the batched sending, bound from <c>Outreach:CampaignSending</c>.</summary>
public sealed class CampaignSendingOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:CampaignSending";

    /// <summary>
    /// How long a claimed batch belongs to the attempt that claimed it. A duplicate work item that finds the batch claimed
    /// with no outcome within this time waits until it has passed (the attempt may still be waiting out a 429); after it,
    /// the attempt cannot still be running and the batch is marked outcome unknown. It must exceed host.json's
    /// <c>functionTimeout</c> (10 minutes), after which the host stops a running invocation: 11 minutes by default.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(11);
}
