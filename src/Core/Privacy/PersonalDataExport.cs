using Outreach.Core.Suppressions;

namespace Outreach.Core.Privacy;

/// <summary>Everything held about one address across all districts (GDPR art. 15).</summary>
/// <param name="Email">The normalised address asked about.</param>
/// <param name="ExportedAt">When the export was made.</param>
/// <param name="Leaders">One record per district that knows the address.</param>
/// <param name="Suppression">The suppression entry, if any.</param>
/// <param name="OptOuts">The opt-outs.</param>
/// <param name="ListEntries">The person's rows on uploaded recipient lists.</param>
/// <param name="CampaignDeliveries">The campaign and newsletter mails recorded for the person.</param>
public sealed record PersonalDataExport(
    string Email,
    DateTimeOffset ExportedAt,
    IReadOnlyList<LeaderRecordExport> Leaders,
    SuppressionEntry? Suppression,
    IReadOnlyList<OptOutRecord> OptOuts,
    IReadOnlyList<RecipientListEntryExport> ListEntries,
    IReadOnlyList<CampaignDeliveryExport> CampaignDeliveries);
