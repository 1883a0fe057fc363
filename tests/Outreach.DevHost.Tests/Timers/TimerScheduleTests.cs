using Outreach.DevHost.Timers;

namespace Outreach.DevHost.Tests.Timers;

public sealed class TimerScheduleTests
{
    [Fact]
    public void NextAfter_DailySixOClockBeforeSix_IsSixUtcSameDay()
    {
        var schedule = TimerSchedule.Parse("0 0 6 * * *");

        var next = schedule.NextAfter(new DateTimeOffset(2026, 12, 3, 5, 59, 59, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_ExactlyAnOccurrence_IsTheFollowingOne()
    {
        var schedule = TimerSchedule.Parse("0 0 6 * * *");

        var next = schedule.NextAfter(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_LocalOffsetGiven_IsComputedInUtc()
    {
        var schedule = TimerSchedule.Parse("0 30 6 * * *");

        // 07:00 in Copenhagen (winter, +01:00) is 06:00 UTC: the 06:30 UTC run of the same day is next.
        var next = schedule.NextAfter(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.FromHours(1)));

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 30, 0, TimeSpan.Zero), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void NextAfter_SecondsField_StepsOnSeconds()
    {
        var schedule = TimerSchedule.Parse("*/15 * * * * *");

        var next = schedule.NextAfter(new DateTimeOffset(2026, 12, 3, 6, 0, 16, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 3, 6, 0, 30, TimeSpan.Zero), next);
    }

    [Fact]
    public void NextAfter_WeekdaysOnly_SkipsTheWeekend()
    {
        var schedule = TimerSchedule.Parse("0 0 9 * * 1-5");

        // Friday 2026-12-04 10:00: next is Monday 2026-12-07 09:00.
        var next = schedule.NextAfter(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 0, 0, TimeSpan.Zero), next);
    }

    [Theory]
    [InlineData("0 6 * * *")]
    [InlineData("0 0 0 6 * * *")]
    [InlineData("")]
    public void Parse_NotSixFields_ThrowsSayingSixFieldsAreNeeded(string expression)
    {
        var exception = Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression));

        Assert.Contains("six", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0 0 25 * * *")]
    [InlineData("0 61 6 * * *")]
    [InlineData("a b c d e f")]
    public void Parse_OutOfRangeOrGarbage_Throws(string expression) =>
        Assert.Throws<FormatException>(() => TimerSchedule.Parse(expression));
}
