namespace Outreach.Core;

/// <summary>
/// Europe/Copenhagen, where the letters are read and the schedules run. Looked up once; a machine without the zone
/// fails at start instead of silently writing UTC dates into Danish letters.
/// </summary>
public static class CopenhagenTime
{
    /// <summary>The IANA id of the zone.</summary>
    public const string ZoneId = "Europe/Copenhagen";

    /// <summary>The zone.</summary>
    /// <exception cref="TimeZoneNotFoundException">The machine has no time zone data for Europe/Copenhagen (at first use).</exception>
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ZoneId);

    /// <summary>The date in Copenhagen at <paramref name="instant"/>.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Today's date in Copenhagen by <paramref name="time"/>.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateAt(time.GetUtcNow());
    }
}
