using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>A filter over leaders for the staff list.</summary>
public sealed record LeaderQuery
{
    /// <summary>District code (required).</summary>
    public required string District { get; init; }

    /// <summary>Only this state, or all.</summary>
    public LeaderState? State { get; init; }

    /// <summary>Only this municipality, or all.</summary>
    public string? Municipality { get; init; }

    /// <summary>At most this many (1–1000).</summary>
    public int Limit { get; init; } = 200;
}
