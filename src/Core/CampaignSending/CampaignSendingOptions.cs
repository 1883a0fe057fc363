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

    /// <summary>
    /// How many batches one worker process composes and sends at once; the other batches it holds wait for a slot before
    /// they claim. Each one in flight holds its 1,000 personalizations and a request body of about 1 MB, and the host
    /// hands a process up to batchSize + newBatchThreshold (12) work items at once; the provider answers in tens of
    /// milliseconds, so a few slots keep it busy while the delivery rows of the others are written. 4 by default.
    /// </summary>
    public int MaxRequestsInFlight { get; set; } = 4;
}
