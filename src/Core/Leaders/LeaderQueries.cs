using System.Globalization;
using Outreach.Core.Districts;

namespace Outreach.Core.Leaders;

/// <summary>What staff read: leaders of a district, one leader's history, and how the outreach converts.</summary>
public sealed class LeaderQueries
{
    private readonly ILeaderRepository leaders;
    private readonly IDistrictCatalog districts;

    internal LeaderQueries(ILeaderRepository leaders, IDistrictCatalog districts)
    {
        this.leaders = leaders;
        this.districts = districts;
    }

    /// <summary>
    /// The leaders of a district, newest first, optionally of one state or municipality. The district is found by its
    /// code in any case (<c>Storkobenhavn</c> finds <c>storkobenhavn</c>); an unknown district has no leaders.
    /// </summary>
    public async Task<IReadOnlyList<LeaderView>> ListAsync(LeaderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (districts.Find(query.District) is not { } district)
        {
            return [];
        }

        var filter = new LeaderFilter
        {
            States = query.State is { } state ? [state] : null,
            Municipality = string.IsNullOrWhiteSpace(query.Municipality) ? null : query.Municipality,
        };
        var found = await leaders.ListAsync(district.Code, filter, cancellationToken);
        return found.OrderByDescending(l => l.DiscoveredAt).ThenBy(l => l.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .Select(l => l.ToView())
            .ToList();
    }

    /// <summary>One leader, or null.</summary>
    public async Task<LeaderView?> GetAsync(string district, string leaderId, CancellationToken cancellationToken = default) =>
        districts.Find(district) is { } known ? (await leaders.GetAsync(known.Code, leaderId, cancellationToken))?.ToView() : null;

    /// <summary>Every state change of one leader, oldest first, with who and why.</summary>
    public async Task<IReadOnlyList<LeaderEventView>> GetEventsAsync(string district, string leaderId, CancellationToken cancellationToken = default) =>
        districts.Find(district) is { } known
            ? (await leaders.GetEventsAsync(known.Code, leaderId, cancellationToken)).Select(e => e.ToView()).ToList()
            : [];

    /// <summary>Discovered → welcomed → followed up → joined, by hiring month and municipality.</summary>
    public Task<FunnelReport> GetFunnelAsync(string district, CancellationToken cancellationToken = default) =>
        GetFunnelAsync(new FunnelQuery { District = district }, cancellationToken);

    /// <summary>
    /// Discovered → welcomed → followed up → joined (and, apart, joined after our letter), and the ends other than joining
    /// (declined, opted out, undeliverable), by hiring month and municipality, optionally of one municipality and a range
    /// of hiring months. Each leader counts once per stage reached; the ends count leaders by their state now.
    /// </summary>
    public async Task<FunnelReport> GetFunnelAsync(FunnelQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (districts.Find(query.District) is not { } known)
        {
            return new FunnelReport(query.District, []);
        }

        var found = await leaders.ListAsync(known.Code, LeaderFilter.All, cancellationToken);
        var rows = found
            .Where(l => Matches(l, query))
            .GroupBy(l => (Month: l.HireDate is { } date ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "unknown", Municipality: l.Municipality ?? "unknown"))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Municipality, StringComparer.Ordinal)
            .Select(g => new FunnelRow(
                g.Key.Month,
                g.Key.Municipality,
                g.Count(),
                g.Count(l => l.WelcomedAt is not null),
                g.Count(l => l.FollowUps > 0),
                g.Count(l => l.State == LeaderState.Joined),
                g.Count(l => l.State == LeaderState.Joined && l.JoinCreditedToOutreach),
                g.Count(l => l.State == LeaderState.Declined),
                g.Count(l => l.State == LeaderState.OptedOut),
                g.Count(l => l.State == LeaderState.Undeliverable),
                Median(g.Where(l => l.State == LeaderState.Joined && l.JoinCreditedToOutreach && l.WelcomedAt is not null && l.JoinedAt is not null)
                    .Select(l => (l.JoinedAt!.Value - l.WelcomedAt!.Value).TotalDays))))
            .ToList();
        return new FunnelReport(known.Code, rows);
    }

    private static bool Matches(Leader leader, FunnelQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Municipality) && !string.Equals(leader.Municipality, query.Municipality.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (query.FromMonth is null && query.ToMonth is null)
        {
            return true;
        }

        if (leader.HireDate is not { } hired)
        {
            return false;
        }

        var month = hired.Year * 12 + hired.Month;
        return (query.FromMonth is not { } from || month >= from.Year * 12 + from.Month)
            && (query.ToMonth is not { } to || month <= to.Year * 12 + to.Month);
    }

    // The middle value, or the mean of the two middle ones; rounded to a tenth of a day.
    private static double? Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }
}
