using Outreach.Core.CampaignSending;
using Outreach.Core.Districts;

namespace Outreach.Core.Tests.CampaignSending;

public sealed class SendWindowsTests
{
    [Theory]
    [InlineData("2026-12-03T22:00:00Z", 9.0)] // 23:00 in winter: opens at 08:00 tomorrow
    [InlineData("2026-07-03T21:00:00Z", 9.0)] // 23:00 in summer
    [InlineData("2026-12-03T05:30:00Z", 1.5)] // 06:30: opens at 08:00 today
    [InlineData("2027-03-27T22:00:00Z", 8.0)] // 23:00 on the night the clocks go forward: 08:00 summer time is 8 hours on
    public void DelayUntilOpen_OutsideTheWindow_AnswersTheTimeUntilItOpensInCopenhagen(string now, double hours)
    {
        // Arrange
        var window = new SendWindowOptions { Start = new TimeOnly(8, 0), End = new TimeOnly(20, 0) };

        // Act
        var delay = SendWindows.DelayUntilOpen(window, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Equal(TimeSpan.FromHours(hours), delay);
    }

    [Theory]
    [InlineData("2026-12-03T07:00:00Z", 8, 20)] // 08:00 in winter: the first minute
    [InlineData("2026-07-03T17:59:00Z", 8, 20)] // 19:59 in summer
    [InlineData("2026-12-03T02:00:00Z", 0, 0)] // Start == End: all day
    [InlineData("2026-12-03T23:30:00Z", 20, 6)] // 00:30 inside a window over midnight
    public void DelayUntilOpen_InsideTheWindow_IsNull(string now, int start, int end)
    {
        // Arrange
        var window = new SendWindowOptions { Start = new TimeOnly(start, 0), End = new TimeOnly(end, 0) };

        // Act
        var delay = SendWindows.DelayUntilOpen(window, DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        // Assert
        Assert.Null(delay);
    }
}
