using Outreach.Bench.FakeSendGrid;
using Outreach.Bench.Measuring;

namespace Outreach.Bench.Runs;

/// <summary>What the per-recipient baseline measured on <see cref="Recipients"/> recipients.</summary>
internal sealed record BaselineResult(
    int Recipients,
    double Seconds,
    long Failures,
    FakeSendGridCounts SendGrid,
    StorageCounts Storage,
    double PeakWorkingSetMb);
