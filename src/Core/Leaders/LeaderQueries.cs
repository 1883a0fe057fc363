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
    /// <remarks>Joined counts the joins credited to the outreach (after our first letter), not long-standing members.</remarks>
    public async Task<FunnelReport> GetFunnelAsync(string district, CancellationToken cancellationToken = default)
    {
        if (districts.Find(district) is not { } known)
        {
            return new FunnelReport(district, []);
        }

        var found = await leaders.ListAsync(known.Code, LeaderFilter.All, cancellationToken);
        var rows = found
            .GroupBy(l => (Month: l.HireDate is { } date ? date.ToString("yyyy-MM", CultureInfo.InvariantCulture) : "unknown", Municipality: l.Municipality ?? "unknown"))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Municipality, StringComparer.Ordinal)
            .Select(g => new FunnelRow(
                g.Key.Month,
                g.Key.Municipality,
                g.Count(),
                g.Count(l => l.WelcomedAt is not null),
                g.Count(l => l.FollowUps > 0),
                g.Count(l => l.State == LeaderState.Joined),
                g.Count(l => l.State == LeaderState.Joined && l.JoinCreditedToOutreach)))
            .ToList();
        return new FunnelReport(known.Code, rows);
    }
}
