using Outreach.Core.Districts;

namespace Outreach.Core.CampaignSending;

/// <summary>The district's daily sending hours, read in Europe/Copenhagen time (summer and winter time both).</summary>
internal static class SendWindows
{
    /// <summary>
    /// Null when <paramref name="now"/> is inside the window; otherwise how long until it next opens. Start equal to End
    /// means all day; Start after End is a window over midnight (e.g. 20:00–06:00).
    /// </summary>
    public static TimeSpan? DelayUntilOpen(SendWindowOptions window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Start == window.End)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, CopenhagenTime.Zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var open = window.Start < window.End
            ? time >= window.Start && time < window.End
            : time >= window.Start || time < window.End;
        if (open)
        {
            return null;
        }

        // The next opening is today's start if it is still ahead, otherwise tomorrow's.
        var date = DateOnly.FromDateTime(local.DateTime);
        if (time >= window.Start)
        {
            date = date.AddDays(1);
        }

        var opening = date.ToDateTime(window.Start);
        // A start inside the spring-forward gap (02:00–03:00 on the last Sunday of March) opens when the clocks do.
        while (CopenhagenTime.Zone.IsInvalidTime(opening))
        {
            opening = opening.AddMinutes(1);
        }

        var openingUtc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(opening, CopenhagenTime.Zone), TimeSpan.Zero);
        var delay = openingUtc - now;
        return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
    }
}
