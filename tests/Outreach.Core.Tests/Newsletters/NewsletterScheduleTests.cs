using Outreach.Core.Newsletters;

namespace Outreach.Core.Tests.Newsletters;

public sealed class NewsletterScheduleTests
{
    private const string FirstTuesdayAtNine = "0 0 9 1-7 * 2";

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void NextAfter_FirstTuesdayInJanuary_IsNineCopenhagenWhichIsEightUtc()
    {
        // Act
        var next = NewsletterSchedule.Parse(FirstTuesdayAtNine).NextAfter(Utc(2027, 1, 1, 0));

        // Assert: 5 January 2027 is the first Tuesday; Copenhagen is UTC+1 in winter.
        Assert.Equal(Utc(2027, 1, 5, 8), next);
    }

    [Fact]
    public void NextAfter_FirstTuesdayInJuly_IsNineCopenhagenWhichIsSevenUtc()
    {
        // Act
        var next = NewsletterSchedule.Parse(FirstTuesdayAtNine).NextAfter(Utc(2027, 7, 1, 0));

        // Assert: 6 July 2027 is the first Tuesday; Copenhagen is UTC+2 in summer.
        Assert.Equal(Utc(2027, 7, 6, 7), next);
    }

    [Fact]
    public void Occurrences_DayOfMonthAndDayOfWeek_BothMustMatchSoOnlyTheFirstTuesdayFires()
    {
        // Act
        var occurrences = NewsletterSchedule.Parse(FirstTuesdayAtNine).Occurrences(Utc(2026, 12, 31, 23), Utc(2027, 12, 31, 23)).ToList();

        // Assert: NCrontab combines day and day-of-week with AND (not cron's OR), so one occurrence a month.
        Assert.Equal(12, occurrences.Count);
        var local = occurrences.Select(o => TimeZoneInfo.ConvertTime(o, CopenhagenTime.Zone)).ToList();
        Assert.All(local, o => Assert.Equal((DayOfWeek.Tuesday, 9, 0), (o.DayOfWeek, o.Hour, o.Minute)));
        Assert.All(local, o => Assert.InRange(o.Day, 1, 7));
        Assert.Equal(Enumerable.Range(1, 12), local.Select(o => o.Month));
    }

    [Fact]
    public void Occurrences_FromAndUntil_ExcludeTheStartAndIncludeTheEnd()
    {
        // Arrange
        var schedule = NewsletterSchedule.Parse(FirstTuesdayAtNine);

        // Act
        var fromTheOccurrence = schedule.Occurrences(Utc(2027, 1, 5, 8), Utc(2027, 1, 31, 0)).ToList();
        var untilTheOccurrence = schedule.Occurrences(Utc(2027, 1, 5, 7), Utc(2027, 1, 5, 8)).ToList();

        // Assert
        Assert.Empty(fromTheOccurrence);
        Assert.Equal([Utc(2027, 1, 5, 8)], untilTheOccurrence);
    }

    [Fact]
    public void Occurrences_TimeInTheSpringGap_FiresOnceAtThreeSummerTime()
    {
        // Arrange: on 28 March 2027 the clocks jump from 02:00 to 03:00 (01:00 UTC); 02:30 does not exist that night.
        var schedule = NewsletterSchedule.Parse("0 30 2 * * *");

        // Act
        var occurrences = schedule.Occurrences(Utc(2027, 3, 27, 0), Utc(2027, 3, 29, 0)).ToList();

        // Assert
        Assert.Equal([Utc(2027, 3, 27, 1, 30), Utc(2027, 3, 28, 1, 0)], occurrences);
    }

    [Fact]
    public void Occurrences_SeveralTimesInTheSpringGap_FireOnceTogether()
    {
        // Arrange
        var schedule = NewsletterSchedule.Parse("0 0/20 2 28 3 *");

        // Act
        var occurrences = schedule.Occurrences(Utc(2027, 3, 27, 0), Utc(2027, 3, 29, 0)).ToList();

        // Assert
        Assert.Equal([Utc(2027, 3, 28, 1, 0)], occurrences);
    }

    [Fact]
    public void Occurrences_TimeInTheRepeatedAutumnHour_FiresOnceAtItsFirstInstance()
    {
        // Arrange: on 31 October 2027 the clocks go back from 03:00 to 02:00 (01:00 UTC); 02:30 happens twice.
        var schedule = NewsletterSchedule.Parse("0 30 2 * * *");

        // Act
        var occurrences = schedule.Occurrences(Utc(2027, 10, 30, 12), Utc(2027, 10, 31, 12)).ToList();

        // Assert: the first 02:30 is still summer time, 00:30 UTC.
        Assert.Equal([Utc(2027, 10, 31, 0, 30)], occurrences);
    }

    [Fact]
    public void Occurrences_CursorInTheSecondInstanceOfTheRepeatedHour_DoesNotFireAgain()
    {
        // Arrange: 01:15 UTC is the second 02:15, after the first 02:30 fired.
        var schedule = NewsletterSchedule.Parse("0 30 2 * * *");

        // Act
        var occurrences = schedule.Occurrences(Utc(2027, 10, 31, 1, 15), Utc(2027, 10, 31, 12)).ToList();

        // Assert
        Assert.Empty(occurrences);
    }

    [Fact]
    public void Occurrences_HourlyAcrossTheAutumnNight_SkipsOnlyTheRepeatedHour()
    {
        // Act
        var occurrences = NewsletterSchedule.Parse("0 0 * * * *").Occurrences(Utc(2027, 10, 30, 22), Utc(2027, 10, 31, 3)).ToList();

        // Assert: 01:00 and 02:00 (first) summer time, then 03:00 and 04:00 winter time; the second 02:00 is not a new wall-clock time.
        Assert.Equal([Utc(2027, 10, 30, 23), Utc(2027, 10, 31, 0), Utc(2027, 10, 31, 2), Utc(2027, 10, 31, 3)], occurrences);
    }

    [Fact]
    public void MonthOf_LateOnTheLastDayInUtc_IsTheNextMonthInCopenhagen()
    {
        // Act / Assert
        Assert.Equal("2027-02", NewsletterSchedule.MonthOf(Utc(2027, 1, 31, 23, 30)));
        Assert.Equal("2027-01", NewsletterSchedule.MonthOf(Utc(2027, 1, 31, 22, 30)));
    }

    [Theory]
    [InlineData("0 9 1-7 * 2", "six fields")]
    [InlineData("0 0 25 1-7 * 2", "not a valid NCRONTAB")]
    [InlineData("0 0 9 30 2 *", "never occurs")]
    [InlineData("first tuesday", "six fields")]
    public void TryParse_Unusable_IsFalseWithTheProblem(string expression, string expected)
    {
        // Act
        var parsed = NewsletterSchedule.TryParse(expression, out var schedule, out var problem);

        // Assert
        Assert.False(parsed);
        Assert.Null(schedule);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
