namespace Outreach.Core.Privacy;

/// <summary>How many rows an erasure removed per table (all zero when nothing was held).</summary>
/// <param name="Leaders">Leader records (one per district that knew the address).</param>
/// <param name="LeaderEvents">Their state changes.</param>
/// <param name="Deliveries">Letters claimed or sent to them, with any provider status stored on them.</param>
/// <param name="OptOuts">Opt-outs by category.</param>
/// <param name="Suppressions">Plain suppression entries (replaced by the keyed-hash entry).</param>
/// <param name="ListEntries">Rows of uploaded recipient lists (one per list that held the address).</param>
/// <param name="CampaignDeliveries">Campaign and newsletter delivery rows (one per batch that mailed the address).</param>
public sealed record ErasureCounts(int Leaders, int LeaderEvents, int Deliveries, int OptOuts, int Suppressions, int ListEntries, int CampaignDeliveries)
{
    /// <summary>Nothing erased.</summary>
    public static ErasureCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>True when nothing was erased.</summary>
    public bool IsEmpty => this == None;

    /// <summary>The sum of two counts.</summary>
    public ErasureCounts Add(ErasureCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new(
            Leaders + other.Leaders,
            LeaderEvents + other.LeaderEvents,
            Deliveries + other.Deliveries,
            OptOuts + other.OptOuts,
            Suppressions + other.Suppressions,
            ListEntries + other.ListEntries,
            CampaignDeliveries + other.CampaignDeliveries);
    }
}
