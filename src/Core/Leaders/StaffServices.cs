using System.Globalization;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Leaders;

/// <summary>What staff read: leaders of a district, one leader's history, and how the outreach converts.</summary>
public sealed class LeaderQueries
{
    private readonly LeaderStore store;

    internal LeaderQueries(LeaderStore store) => this.store = store;

    /// <summary>The leaders of a district, newest first, optionally of one state or municipality.</summary>
    public async Task<IReadOnlyList<LeaderView>> ListAsync(LeaderQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<string>();
        if (query.State is { } state)
        {
            filters.Add(Storage.Tables.TableClient.CreateQueryFilter($"State eq {state.ToString()}"));
        }

        if (!string.IsNullOrWhiteSpace(query.Municipality))
        {
            filters.Add(Storage.Tables.TableClient.CreateQueryFilter($"Municipality eq {query.Municipality}"));
        }

        var leaders = await store.ListAsync(query.District, filters.Count == 0 ? null : string.Join(" and ", filters), cancellationToken);
        return leaders.OrderByDescending(l => l.DiscoveredAt).ThenBy(l => l.Name, StringComparer.Ordinal)
            .Take(Math.Clamp(query.Limit, 1, 1000))
            .Select(l => l.ToView())
            .ToList();
    }

    /// <summary>One leader, or null.</summary>
    public async Task<LeaderView?> GetAsync(string district, string leaderId, CancellationToken cancellationToken = default) =>
        (await store.GetAsync(district, leaderId, cancellationToken))?.ToView();

    /// <summary>Every state change of one leader, oldest first, with who and why.</summary>
    public async Task<IReadOnlyList<LeaderEventView>> GetEventsAsync(string district, string leaderId, CancellationToken cancellationToken = default) =>
        (await store.GetEventsAsync(district, leaderId, cancellationToken))
        .OrderBy(e => e.RowKey, StringComparer.Ordinal)
        .Select(e => new LeaderEventView(e.At, e.From, e.To, e.Actor, e.Reason))
        .ToList();

    /// <summary>Discovered → welcomed → followed up → joined, by hiring month and municipality.</summary>
    public async Task<FunnelReport> GetFunnelAsync(string district, CancellationToken cancellationToken = default)
    {
        var leaders = await store.ListAsync(district, null, cancellationToken);
        var rows = leaders
            .GroupBy(l => (Month: l.HireDate is { Length: >= 7 } date ? date[..7] : "unknown", Municipality: l.Municipality ?? "unknown"))
            .OrderBy(g => g.Key.Month, StringComparer.Ordinal).ThenBy(g => g.Key.Municipality, StringComparer.Ordinal)
            .Select(g => new FunnelRow(
                g.Key.Month,
                g.Key.Municipality,
                g.Count(),
                g.Count(l => l.WelcomedAt is not null),
                g.Count(l => l.FollowUps > 0),
                g.Count(l => l.State == LeaderState.Joined)))
            .ToList();
        return new FunnelReport(district, rows);
    }
}

/// <summary>
/// Flow 4: conversions. A membership import (CSV with <c>district</c> and <c>email</c> and/or <c>sourceId</c>, same
/// rules as the leaders CSV) moves matched leaders to <see cref="LeaderState.Joined"/> and credits the outreach when the
/// welcome came first; staff record decisions (joined, declined) with who and why.
/// </summary>
public sealed class MembershipService
{
    private readonly LeaderStore store;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;

    internal MembershipService(LeaderStore store, IDistrictCatalog districts, TimeProvider time)
    {
        this.store = store;
        this.districts = districts;
        this.time = time;
    }

    /// <summary>Records a staff decision (only <c>Joined</c> or <c>Declined</c>); null when the leader is unknown.</summary>
    public async Task<LeaderView?> RecordDecisionAsync(StaffDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Decision is not (LeaderState.Joined or LeaderState.Declined))
        {
            throw new ArgumentException("Staff can record Joined or Declined.", nameof(decision));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(decision.Reason);
        var leader = await store.GetAsync(decision.District, decision.LeaderId, cancellationToken);
        if (leader is null)
        {
            return null;
        }

        if (decision.Decision == LeaderState.Joined)
        {
            await JoinAsync(leader, time.GetUtcNow(), decision.Actor, decision.Reason, cancellationToken);
        }
        else if (leader.State != LeaderState.Declined)
        {
            await store.TransitionAsync(leader, LeaderState.Declined, decision.Actor, decision.Reason, cancellationToken);
        }

        return leader.ToView();
    }

    /// <summary>Imports a membership export; see the type's remarks for the format.</summary>
    public async Task<MembershipImportReport> ImportAsync(Stream csv, ImportMode mode, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await store.EnsureCreatedAsync(cancellationToken);
        var parsed = await new MembershipCsvParser(districts).ParseAsync(csv, cancellationToken);
        var problems = parsed.Problems;
        var rows = parsed.Rows.Select(r => (r.District, r.Email, r.SourceId, JoinedAt: r.JoinedOn is { } date ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : time.GetUtcNow())).ToList();

        if (mode == ImportMode.AllOrNothing && problems.Count > 0)
        {
            return new MembershipImportReport(0, 0, 0, problems, Rejected: true);
        }

        int joined = 0, credited = 0, unmatched = 0;
        foreach (var group in rows.GroupBy(r => r.District, StringComparer.Ordinal))
        {
            var known = await store.ListAsync(group.Key, null, cancellationToken);
            foreach (var row in group)
            {
                var leader = known.Find(l => row.SourceId is not null && string.Equals(l.SourceId, row.SourceId, StringComparison.Ordinal)) ??
                             known.Find(l => row.Email is not null && string.Equals(l.NormalizedEmail, EmailAddresses.Normalize(row.Email), StringComparison.Ordinal));
                if (leader is null)
                {
                    unmatched++;
                    continue;
                }

                if (leader.State == LeaderState.Joined)
                {
                    continue;
                }

                await JoinAsync(leader, row.JoinedAt, actor, "Membership import", cancellationToken);
                joined++;
                credited += leader.JoinCreditedToOutreach ? 1 : 0;
            }
        }

        return new MembershipImportReport(joined, credited, unmatched, problems, Rejected: false);
    }

    private async Task JoinAsync(LeaderEntity leader, DateTimeOffset joinedAt, string actor, string reason, CancellationToken cancellationToken)
    {
        if (leader.State == LeaderState.Joined)
        {
            return;
        }

        // The outreach earns the join only when the letter reached the leader before they joined.
        var credited = leader.WelcomedAt is { } welcomed && welcomed <= joinedAt && leader.Membership != MembershipStatus.Member;
        leader.Membership = MembershipStatus.Member;
        leader.JoinedAt = joinedAt;
        leader.JoinCreditedToOutreach = credited;
        await store.TransitionAsync(leader, LeaderState.Joined, actor, credited ? reason + " (after the welcome letter)" : reason, cancellationToken);
    }
}

/// <summary>Unsubscribe: a personal, signed token from a letter records the person's opt-out of its category.</summary>
public sealed class OptOutService
{
    private readonly LeaderStore store;
    private readonly IUnsubscribeTokens tokens;

    internal OptOutService(LeaderStore store, IUnsubscribeTokens tokens)
    {
        this.store = store;
        this.tokens = tokens;
    }

    /// <summary>Records the opt-out the token names; false when the token is not genuine.</summary>
    public async Task<bool> OptOutAsync(string token, CancellationToken cancellationToken = default)
    {
        var claim = tokens.Verify(token);
        if (claim is null)
        {
            return false;
        }

        await store.RecordOptOutAsync(claim.EmailHash, claim.Category, claim.District, cancellationToken);
        if (claim.Category is OptOutCategory.Outreach or OptOutCategory.All)
        {
            var leaders = await store.ListAsync(claim.District, Storage.Tables.TableClient.CreateQueryFilter($"EmailHash eq {claim.EmailHash}"), cancellationToken);
            foreach (var leader in leaders.Where(l => l.State is not (LeaderState.OptedOut or LeaderState.Joined)))
            {
                await store.TransitionAsync(leader, LeaderState.OptedOut, "recipient", "Unsubscribed from outreach letters", cancellationToken);
            }
        }

        return true;
    }
}
