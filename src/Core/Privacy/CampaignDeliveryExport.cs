using Outreach.Core.CampaignSending;

namespace Outreach.Core.Privacy;

/// <summary>One campaign or newsletter mail to the person, as recorded per recipient after the batch's request.</summary>
/// <param name="CampaignId">The campaign (a newsletter issue is one too).</param>
/// <param name="Batch">The batch number within the campaign.</param>
/// <param name="Status">What happened (<see cref="CampaignDeliveryStatus"/>).</param>
/// <param name="At">When (UTC).</param>
public sealed record CampaignDeliveryExport(string CampaignId, int Batch, string Status, DateTimeOffset At)
{
    internal static CampaignDeliveryExport From(CampaignDelivery delivery) =>
        new(delivery.CampaignId, delivery.BatchNumber, delivery.Status.ToString(), delivery.At);
}
