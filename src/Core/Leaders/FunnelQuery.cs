namespace Outreach.Core.Leaders;

/// <summary>Which part of a district's funnel to count.</summary>
public sealed record FunnelQuery
{
    /// <summary>District code, any letter case.</summary>
    public required string District { get; init; }

    /// <summary>Only leaders of this municipality (exact, case-insensitive).</summary>
    public string? Municipality { get; init; }

    /// <summary>Only leaders hired in this month or later (the day is ignored); leaders without a hire date are left out.</summary>
    public DateOnly? FromMonth { get; init; }

    /// <summary>Only leaders hired in this month or earlier (the day is ignored); leaders without a hire date are left out.</summary>
    public DateOnly? ToMonth { get; init; }
}
