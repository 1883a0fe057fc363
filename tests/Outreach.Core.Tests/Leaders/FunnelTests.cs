using Moq;
using Outreach.Core.Leaders;

namespace Outreach.Core.Tests.Leaders;

/// <summary>The funnel against a small district whose every number was worked out by hand.</summary>
public sealed class FunnelTests
{
    // The fixture (district storkobenhavn; "welcomed"/"joined" are dates in 2026, UTC midnight unless a time is given):
    //
    //  id  hired    municipality  state          follow-ups  welcomed  joined        credited
    //  A   2026-09  Tårnby        Joined         0           09-01     09-11         yes   → 10 days
    //  B   2026-09  Tårnby        Joined         1           09-01     10-01         yes   → 30 days
    //  C   2026-09  Tårnby        Joined         0           09-05     09-25         yes   → 20 days
    //  D   2026-09  Tårnby        Joined         0           09-01     08-01         no    (a member already; not in the median)
    //  E   2026-09  Tårnby        Declined       1           09-01     -             -
    //  F   2026-09  Tårnby        Discovered     0           -         -             -
    //  G   2026-10  Tårnby        Joined         0           10-01     10-08         yes   → 7 days
    //  H   2026-10  Tårnby        Joined         0           10-01     10-16 12:00   yes   → 15.5 days
    //  I   2026-10  Tårnby        OptedOut       0           10-01     -             -
    //  J   2026-10  Tårnby        Undeliverable  0           -         -             -
    //  K   2026-09  Dragør        FollowedUp     2           09-02     -             -
    //  L   (none)   Tårnby        Discovered     0           -         -             -
    //
    // Expected rows (month, municipality: discovered, welcomed, followed up, joined, joined after letter, declined,
    // opted out, undeliverable, median days to join):
    //  2026-09 Dragør:  1, 1, 1, 0, 0, 0, 0, 0, null
    //  2026-09 Tårnby:  6 (A–F), 5 (A–E), 2 (B, E), 4 (A–D), 3 (A–C), 1 (E), 0, 0, median of 10, 20, 30 = 20
    //  2026-10 Tårnby:  4 (G–J), 3 (G–I), 0, 2 (G, H), 2, 0, 1 (I), 1 (J), median of 7 and 15.5 = 11.25 → 11.3
    //  unknown Tårnby:  1, 0, 0, 0, 0, 0, 0, 0, null
    private static readonly FunnelRow Dragor = new("2026-09", "Dragør", 1, 1, 1, 0, 0, 0, 0, 0, null);
    private static readonly FunnelRow September = new("2026-09", "Tårnby", 6, 5, 2, 4, 3, 1, 0, 0, 20);
    private static readonly FunnelRow October = new("2026-10", "Tårnby", 4, 3, 0, 2, 2, 0, 1, 1, 11.3);
    private static readonly FunnelRow Unknown = new("unknown", "Tårnby", 1, 0, 0, 0, 0, 0, 0, 0, null);

    private readonly Mock<ILeaderRepository> leaders = new();

    public FunnelTests() =>
        leaders.Setup(l => l.ListAsync("storkobenhavn", LeaderFilter.All, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Leader("A", 9, "Tårnby", LeaderState.Joined, 0, Day(9, 1), Day(9, 11), credited: true),
            Leader("B", 9, "Tårnby", LeaderState.Joined, 1, Day(9, 1), Day(10, 1), credited: true),
            Leader("C", 9, "Tårnby", LeaderState.Joined, 0, Day(9, 5), Day(9, 25), credited: true),
            Leader("D", 9, "Tårnby", LeaderState.Joined, 0, Day(9, 1), Day(8, 1), credited: false),
            Leader("E", 9, "Tårnby", LeaderState.Declined, 1, Day(9, 1)),
            Leader("F", 9, "Tårnby", LeaderState.Discovered, 0),
            Leader("G", 10, "Tårnby", LeaderState.Joined, 0, Day(10, 1), Day(10, 8), credited: true),
            Leader("H", 10, "Tårnby", LeaderState.Joined, 0, Day(10, 1), Day(10, 16).AddHours(12), credited: true),
            Leader("I", 10, "Tårnby", LeaderState.OptedOut, 0, Day(10, 1)),
            Leader("J", 10, "Tårnby", LeaderState.Undeliverable, 0),
            Leader("K", 9, "Dragør", LeaderState.FollowedUp, 2, Day(9, 2)),
            Leader("L", null, "Tårnby", LeaderState.Discovered, 0),
        ]);

    [Fact]
    public async Task GetFunnelAsync_HandComputedFixture_MatchesEveryNumber()
    {
        // Act
        var funnel = await Queries().GetFunnelAsync(new FunnelQuery { District = "storkobenhavn" });

        // Assert
        Assert.Equal([Dragor, September, October, Unknown], funnel.Rows);
    }

    [Fact]
    public async Task GetFunnelAsync_MunicipalityInOtherCase_CountsOnlyThatMunicipality()
    {
        // Act
        var funnel = await Queries().GetFunnelAsync(new FunnelQuery { District = "storkobenhavn", Municipality = "TÅRNBY" });

        // Assert
        Assert.Equal([September, October, Unknown], funnel.Rows);
    }

    [Fact]
    public async Task GetFunnelAsync_FromMonth_LeavesOutEarlierHiresAndUnknownHireDates()
    {
        // Act
        var funnel = await Queries().GetFunnelAsync(new FunnelQuery { District = "storkobenhavn", FromMonth = new DateOnly(2026, 10, 1) });

        // Assert
        Assert.Equal([October], funnel.Rows);
    }

    [Fact]
    public async Task GetFunnelAsync_ToMonth_LeavesOutLaterHires()
    {
        // Act
        var funnel = await Queries().GetFunnelAsync(new FunnelQuery { District = "storkobenhavn", FromMonth = new DateOnly(2026, 9, 1), ToMonth = new DateOnly(2026, 9, 1) });

        // Assert
        Assert.Equal([Dragor, September], funnel.Rows);
    }

    private static DateTimeOffset Day(int month, int day) => new(2026, month, day, 0, 0, 0, TimeSpan.Zero);

    private static Leader Leader(string id, int? hiredMonth, string municipality, LeaderState state, int followUps, DateTimeOffset? welcomed = null, DateTimeOffset? joined = null, bool credited = false)
    {
        var leader = DomainTestData.Leader(id, state);
        leader.HireDate = hiredMonth is { } month ? new DateOnly(2026, month, 15) : null;
        leader.Municipality = municipality;
        leader.FollowUps = followUps;
        leader.WelcomedAt = welcomed;
        leader.JoinedAt = joined;
        leader.JoinCreditedToOutreach = credited;
        return leader;
    }

    private LeaderQueries Queries() => new(leaders.Object, DomainTestData.Districts());
}
