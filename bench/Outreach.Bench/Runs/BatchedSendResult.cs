using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Measuring;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;

namespace Outreach.Bench.Runs;

/// <summary>What one batched send measured.</summary>
internal sealed record BatchedSendResult
{
    public required string CampaignId { get; init; }

    public required double WallSeconds { get; init; }

    public required double PlanningSeconds { get; init; }

    public required int Batches { get; init; }

    public required int BatchesFinished { get; init; }

    public required bool TimedOut { get; init; }

    public required IReadOnlyDictionary<CampaignBatchOutcome, int> Outcomes { get; init; }

    public required long HandlerFailures { get; init; }

    public required long Poisoned { get; init; }

    public required string? LastFailure { get; init; }

    public required FakeSendGridCounts SendGrid { get; init; }

    public required StorageCounts Request { get; init; }

    public required StorageCounts Planning { get; init; }

    public required StorageCounts Dispatch { get; init; }

    public required StorageCounts QueueHost { get; init; }

    public required double PeakWorkingSetMb { get; init; }

    public required double PeakManagedHeapMb { get; init; }

    public required double WorkingSetAtStartMb { get; init; }

    public required CampaignCounts Counts { get; init; }

    public required CampaignStatus Status { get; init; }

    public required DeliveryRows Deliveries { get; init; }

    /// <summary>Busy time per phase and kind of work, when the counter had <see cref="BusyTimes"/>.</summary>
    public IReadOnlyDictionary<(string Phase, string Kind), (long Calls, double Milliseconds)> Busy { get; init; } =
        new Dictionary<(string Phase, string Kind), (long Calls, double Milliseconds)>();
}
