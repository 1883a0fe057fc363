using NCrontab;

namespace Outreach.DevHost.Timers;

/// <summary>
/// A timer trigger's schedule: a six-field NCRONTAB expression (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>)
/// evaluated in UTC, as the Functions host does where <c>WEBSITE_TIME_ZONE</c> is not supported (Flex Consumption).
/// </summary>
public sealed class TimerSchedule
{
    private static readonly CrontabSchedule.ParseOptions SixFields = new() { IncludingSeconds = true };
    private readonly CrontabSchedule schedule;

    private TimerSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    /// <summary>The expression as written (after <c>%Setting%</c> resolution).</summary>
    public string Expression { get; }

    /// <summary>Parses <paramref name="expression"/>; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static TimerSchedule Parse(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var trimmed = expression.Trim();
        var fields = trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields != 6)
        {
            throw new FormatException(
                $"The schedule '{expression}' has {fields} field(s); a timer trigger needs six: second minute hour day month day-of-week (e.g. '0 0 6 * * *').");
        }

        var parsed = CrontabSchedule.TryParse(trimmed, SixFields)
            ?? throw new FormatException($"The schedule '{expression}' is not a valid NCRONTAB expression.");
        return new TimerSchedule(trimmed, parsed);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, in UTC.</summary>
    public DateTimeOffset NextAfter(DateTimeOffset after)
    {
        var next = schedule.GetNextOccurrence(after.UtcDateTime);
        return new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc));
    }

    /// <inheritdoc />
    public override string ToString() => Expression;
}
