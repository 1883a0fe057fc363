using Outreach.Core.Leaders;

namespace Outreach.Core.Privacy;

/// <summary>One district's record of the person: the leader (with source and lawful basis), its history and its letters.</summary>
public sealed record LeaderRecordExport(
    LeaderView Leader,
    string SourceId,
    IReadOnlyList<LeaderEventView> Events,
    IReadOnlyList<DeliveryExport> Deliveries);
