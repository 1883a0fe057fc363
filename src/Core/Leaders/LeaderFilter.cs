namespace Outreach.Core.Leaders;

/// <summary>Which leaders of a district to read; every condition set must hold, unset ones match everything.</summary>
internal sealed record LeaderFilter
{
    /// <summary>Every leader of the district.</summary>
    public static LeaderFilter All { get; } = new();

    /// <summary>Only leaders in one of these states.</summary>
    public IReadOnlyList<LeaderState>? States { get; init; }

    /// <summary>Only leaders of this municipality.</summary>
    public string? Municipality { get; init; }

    /// <summary>Only leaders with this address hash.</summary>
    public string? EmailHash { get; init; }
}
