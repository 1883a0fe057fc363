using System.Globalization;
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
    private static readonly CsvSchema MembershipSchema = new(
        ["district"],
        ["email", "sourceId", "joinedOn"],
        allowUnknownColumns: true);

    private readonly ILeaderRepository leaders;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;

    internal MembershipService(ILeaderRepository leaders, IDistrictCatalog districts, TimeProvider time)
    {
        this.leaders = leaders;
        this.districts = districts;
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
        var document = await CsvDocument.ReadAsync(csv, MembershipSchema, cancellationToken: cancellationToken);
        var problems = document.Problems.Select(p => new SourceProblem(p.Line, null, p.Reason)).ToList();
        var today = CopenhagenTime.Today(time);
        var rows = new List<(string District, string? Email, string? SourceId, DateTimeOffset? JoinedAt)>();
        foreach (var record in document.Records)
        {
            var district = districts.Find(record.GetTrimmedOrNull("district") ?? "");
            var email = record.GetTrimmedOrNull("email");
            var sourceId = record.GetTrimmedOrNull("sourceId");
            var joinedOn = record.GetTrimmedOrNull("joinedOn");
            var reasons = new List<string>();
            if (district is null)
            {
                reasons.Add("district is not a configured district");
            }

            if (email is null && sourceId is null)
            {
                reasons.Add("email or sourceId is required");
            }
            else if (email is not null && !EmailAddresses.IsValid(email))
            {
                reasons.Add("email is not a valid address");
            }

            DateTimeOffset? joinedAt = null;
            if (joinedOn is not null)
            {
                if (!DateOnly.TryParseExact(joinedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    reasons.Add("joinedOn is not a date (yyyy-MM-dd)");
                }
                else if (date > today)
                {
                    reasons.Add("joinedOn is in the future");
                }
                else
                {
                    joinedAt = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                }
            }

            if (reasons.Count > 0)
            {
                problems.Add(new SourceProblem(record.Line, sourceId ?? null, string.Join("; ", reasons)));
            }
            else
            {
                rows.Add((district!.Code, email, sourceId, joinedAt));
            }
        }

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
