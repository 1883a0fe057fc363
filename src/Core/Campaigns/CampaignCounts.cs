namespace Outreach.Core.Campaigns;

/// <summary>
/// How far a campaign got, per recipient. <see cref="Planned"/> is the frozen audience; every planned recipient ends in
/// exactly one of the other counts once the campaign is sent (until then, the rest are waiting).
/// </summary>
/// <remarks>
/// The same record counts three things, and a campaign's view adds two of them up (<see cref="CampaignService.GetAsync"/>):
/// <list type="bullet">
/// <item><see cref="Campaign.PlanningCounts"/>: <see cref="Planned"/> is the frozen audience (every batch's recipients
/// together), <see cref="Suppressed"/> the addresses left out at planning (they are in no batch); the rest are 0.</item>
/// <item><see cref="CampaignSending.CampaignBatch.Counts"/>: <see cref="Planned"/> is the batch's size, the others its
/// recipients' outcomes (<see cref="Suppressed"/> here: found suppressed or opted out when the batch was sent).</item>
/// <item>The view: the campaign's planning counts plus every batch's counts <em>except</em> the batches'
/// <see cref="Planned"/>, which is the campaign's <see cref="Planned"/> already. So <see cref="Planned"/> is the frozen
/// audience, <see cref="Suppressed"/> is left out at planning or at sending, and once every batch has an outcome
/// <c>Sent + OutcomeUnknown + Failed + (Suppressed at sending) = Planned</c>.</item>
/// </list>
/// </remarks>
/// <param name="Planned">Recipients in the frozen audience (after removing duplicates).</param>
/// <param name="Sent">Accepted by the mail provider (or written to the outbox).</param>
/// <param name="OutcomeUnknown">The request may or may not have reached the provider; not resent, shown to staff.</param>
/// <param name="Suppressed">Left out because the address is suppressed or opted out of the category (at planning or at sending).</param>
/// <param name="Failed">Refused by the provider or cancelled before sending.</param>
public sealed record CampaignCounts(int Planned, int Sent, int OutcomeUnknown, int Suppressed, int Failed)
{
    /// <summary>Nothing yet.</summary>
    public static CampaignCounts None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>The counts of two parts added together.</summary>
    public CampaignCounts Add(CampaignCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(Planned + other.Planned, Sent + other.Sent, OutcomeUnknown + other.OutcomeUnknown, Suppressed + other.Suppressed, Failed + other.Failed);
    }
}
