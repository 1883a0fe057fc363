using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;
using Outreach.Core.Leaders;

namespace Outreach.Core.Membership;

/// <summary>
/// Flow 4: conversions. A membership import (CSV with <c>district</c> and <c>email</c> and/or <c>sourceId</c>, same
/// rules as the leaders CSV) moves matched leaders to <see cref="LeaderState.Joined"/>; the join is credited to the
/// outreach only when its date (<c>joinedOn</c>, never in the future) came after our first letter, so long-standing
/// members and joins of unknown date are not counted as conversions. Staff record decisions (joined, declined) with who
/// and why; a staff "joined" is dated when it is recorded.
/// </summary>
public sealed class MembershipService
{
    private readonly ILeaderRepository leaders;
    private readonly IDistrictCatalog districts;
    private readonly MembershipCsvParser parser;
    private readonly TimeProvider time;

    internal MembershipService(ILeaderRepository leaders, IDistrictCatalog districts, MembershipCsvParser parser, TimeProvider time)
    {
        this.leaders = leaders;
        this.districts = districts;
        this.parser = parser;
        this.time = time;
    }

    /// <summary>Records a staff decision (only <c>Joined</c> or <c>Declined</c>); null when the leader is unknown.</summary>
    /// <exception cref="InvalidFieldException">The decision, actor or reason is not acceptable; nothing was written.</exception>
    public async Task<LeaderView?> RecordDecisionAsync(StaffDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (decision.Decision is not (LeaderState.Joined or LeaderState.Declined))
        {
            throw new InvalidFieldException("decision", "Staff can record Joined or Declined.");
        }

        // Checked before the leader is read, so a refused decision changes nothing.
        InvalidFieldException.ThrowIfEmptyOrLongerThan(decision.Reason, LeaderEvent.MaxReasonLength, "reason");
        InvalidFieldException.ThrowIfEmptyOrLongerThan(decision.Actor, LeaderEvent.MaxActorLength, "actor");
        var district = districts.Find(decision.District);
        var leader = district is null ? null : await leaders.GetAsync(district.Code, decision.LeaderId, cancellationToken);
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
            await leaders.UpdateAsync(leader, leader.MoveTo(LeaderState.Declined, decision.Actor, decision.Reason, time.GetUtcNow()), cancellationToken);
        }

        return leader.ToView();
    }

    /// <summary>Imports a membership export; see the type's remarks for the format.</summary>
    public async Task<MembershipImportReport> ImportAsync(Stream csv, ImportMode mode, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var parsed = await parser.ParseAsync(csv, cancellationToken);
        var problems = parsed.Problems.ToList();
        var today = CopenhagenTime.Today(time);
        var rows = new List<(string District, string? Email, string? SourceId, DateTimeOffset? JoinedAt)>(parsed.Rows.Count);
        foreach (var row in parsed.Rows)
        {
            // The parser knows no clock: a join dated after today is a mistake in the export, refused like any bad row.
            if (row.JoinedOn is { } date && date > today)
            {
                problems.Add(new SourceProblem(row.Line, null, "joinedOn is in the future."));
                continue;
            }

            var joinedAt = row.JoinedOn is { } joinedOn ? new DateTimeOffset(joinedOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : (DateTimeOffset?)null;
            rows.Add((row.District, row.Email, row.SourceId, joinedAt));
        }

        problems.Sort((left, right) => Nullable.Compare(left.Line, right.Line));

        if (mode == ImportMode.AllOrNothing && problems.Count > 0)
        {
            return new MembershipImportReport(0, 0, 0, problems, Rejected: true);
        }

        int joined = 0, credited = 0, unmatched = 0;
        foreach (var group in rows.GroupBy(r => r.District, StringComparer.Ordinal))
        {
            var known = await leaders.ListAsync(group.Key, LeaderFilter.All, cancellationToken);
            foreach (var row in group)
            {
                var leader = known.FirstOrDefault(l => row.SourceId is not null && string.Equals(l.SourceId, row.SourceId, StringComparison.Ordinal)) ??
                             known.FirstOrDefault(l => row.Email is not null && string.Equals(l.NormalizedEmail, EmailAddresses.Normalize(row.Email), StringComparison.Ordinal));
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

    // joinedAt is null when the export does not say when the leader joined; such a join is not credited.
    private async Task JoinAsync(Leader leader, DateTimeOffset? joinedAt, string actor, string reason, CancellationToken cancellationToken)
    {
        if (leader.State == LeaderState.Joined)
        {
            return;
        }

        // The outreach earns the join only when our first letter reached the leader before they joined (an export knows
        // the day only, so the same day counts), and they were not known as a member when it went out.
        var credited = leader.WelcomedAt is { } welcomed && joinedAt is { } joined &&
                       CopenhagenTime.DateAt(welcomed) <= CopenhagenTime.DateAt(joined) && leader.Membership != MembershipStatus.Member;
        var change = leader.MoveTo(LeaderState.Joined, actor, credited ? reason + " (after the welcome letter)" : reason, time.GetUtcNow());
        leader.Membership = MembershipStatus.Member;
        leader.JoinedAt = joinedAt;
        leader.JoinCreditedToOutreach = credited;
        await leaders.UpdateAsync(leader, change, cancellationToken);
    }
}
