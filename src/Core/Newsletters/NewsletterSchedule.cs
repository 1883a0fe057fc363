using System.Globalization;
using NCrontab;

namespace Outreach.Core.Newsletters;

/// <summary>
/// A district's newsletter schedule: an NCRONTAB expression with seconds
/// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>) read in Europe/Copenhagen wall-clock time, e.g.
/// <c>0 0 9 1-7 * 2</c> for the first Tuesday of the month at 09:00 (NCrontab requires the day of the month and the day
/// of the week both to match), which is 08:00 UTC in winter and 07:00 UTC in summer.
/// </summary>
/// <remarks>
/// NCrontab knows nothing of time zones: it works on the wall-clock <see cref="DateTime"/> it is given. So the
/// occurrences are found on Copenhagen wall-clock times (<see cref="DateTimeKind.Unspecified"/>) and each is then
/// converted to UTC with the zone's rules of that day. Two wall-clock times are special:
/// <list type="bullet">
/// <item>In the autumn the hour 02:00–03:00 happens twice; an occurrence in it fires once, at its first instance (still summer time).</item>
/// <item>In the spring the hour 02:00–03:00 does not exist; an occurrence in it fires at the first valid time after the gap (03:00 summer time), once however many occurrences fell into the gap.</item>
/// </list>
/// </remarks>
public sealed class NewsletterSchedule
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    // The longest any expression can go without an occurrence: 29 February on a given weekday recurs within 28 years.
    private static readonly TimeSpan SearchHorizon = TimeSpan.FromDays(366 * 30);

    // Beyond this much past the last wall-clock time wanted, no Copenhagen wall-clock time maps back into the range.
    private static readonly TimeSpan ZoneSlack = TimeSpan.FromHours(3);

    private readonly CrontabSchedule schedule;

    private NewsletterSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    /// <summary>The expression as configured (trimmed).</summary>
    public string Expression { get; }

    /// <summary>Reads <paramref name="expression"/>.</summary>
    /// <exception cref="FormatException">It is not an NCRONTAB expression with six fields.</exception>
    public static NewsletterSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var problem) ? schedule : throw new FormatException(problem);

    /// <summary>Reads <paramref name="expression"/>; false, with the problem for the configuration's author, when it is not usable.</summary>
    public static bool TryParse(string? expression, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out NewsletterSchedule? schedule, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        schedule = null;
        var trimmed = expression?.Trim() ?? "";
        if (trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            problem = $"'{trimmed}' must have six fields: second minute hour day month day-of-week (e.g. '0 0 9 1-7 * 2', the first Tuesday at 09:00).";
            return false;
        }

        try
        {
            var parsed = CrontabSchedule.Parse(trimmed, WithSeconds);
            schedule = new NewsletterSchedule(trimmed, parsed);
        }
        catch (CrontabException exception)
        {
            problem = $"'{trimmed}' is not a valid NCRONTAB expression: {exception.Message}";
            return false;
        }

        // An expression that can never fire (30 February) would silently never send a newsletter.
        if (schedule.NextAfter(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)) is null)
        {
            schedule = null;
            problem = $"'{trimmed}' never occurs.";
            return false;
        }

        problem = null;
        return true;
    }

    /// <summary>The month (<c>yyyy-MM</c>) in Copenhagen at <paramref name="instant"/>: whose issue an occurrence sends.</summary>
    public static string MonthOf(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, CopenhagenTime.Zone).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The first occurrence strictly after <paramref name="after"/> (UTC), or null when there is none within decades.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after)
    {
        foreach (var occurrence in Occurrences(after, after + SearchHorizon))
        {
            return occurrence;
        }

        return null;
    }

    /// <summary>Every occurrence in (<paramref name="after"/>, <paramref name="until"/>], as UTC instants in order, each once.</summary>
    public IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset after, DateTimeOffset until)
    {
        var zone = CopenhagenTime.Zone;
        var wallClock = WallClock(after);
        var end = WallClock(until) + ZoneSlack;
        var last = after;
        while (true)
        {
            // NCrontab returns endTime itself when nothing occurs before it.
            var next = schedule.GetNextOccurrence(wallClock, end);
            if (next >= end)
            {
                yield break;
            }

            wallClock = next;
            var instant = ToUtc(next, zone);
            if (instant > until)
            {
                yield break;
            }

            // Occurrences in the spring gap all land on its end, and an occurrence in the autumn's repeated hour maps to
            // its first instance, which may lie before 'after' when 'after' is in the second: keep each instant once, in order.
            if (instant > last)
            {
                last = instant;
                yield return instant;
            }
        }
    }

    private static DateTime WallClock(DateTimeOffset instant) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, CopenhagenTime.Zone).DateTime, DateTimeKind.Unspecified);

    private static DateTimeOffset ToUtc(DateTime wallClock, TimeZoneInfo zone)
    {
        if (zone.IsInvalidTime(wallClock))
        {
            // The clocks jump over this time: fire at the first minute after the jump. Walking forward minute by minute
            // finds the end of the gap whatever its length (one hour in Copenhagen).
            var later = wallClock;
            do
            {
                later = later.AddMinutes(1);
                later = new DateTime(later.Year, later.Month, later.Day, later.Hour, later.Minute, 0, DateTimeKind.Unspecified);
            }
            while (zone.IsInvalidTime(later));

            return new DateTimeOffset(later, zone.GetUtcOffset(later)).ToUniversalTime();
        }

        if (zone.IsAmbiguousTime(wallClock))
        {
            // The first instance is the one with the larger offset (summer time, before the clocks go back).
            var offset = zone.GetAmbiguousTimeOffsets(wallClock).Max();
            return new DateTimeOffset(wallClock, offset).ToUniversalTime();
        }

        return new DateTimeOffset(wallClock, zone.GetUtcOffset(wallClock)).ToUniversalTime();
    }
}
