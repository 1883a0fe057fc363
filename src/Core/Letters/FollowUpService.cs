using System.Globalization;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;

namespace Outreach.Core.Letters;

/// <summary>
/// Flow 3: a follow-up to non-members welcomed at least the district's delay ago who have not joined, declined or
/// opted out; a second one when the district configures it.
/// </summary>
public sealed class FollowUpService
{
    /// <summary>The follow-up's template name.</summary>
    public const string Template = "followup";

    private static readonly LeaderFilter Candidates = new() { States = [LeaderState.Welcomed, LeaderState.FollowedUp] };

    private readonly LetterDispatcher dispatcher;
    private readonly ILeaderRepository leaders;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;

    internal FollowUpService(LetterDispatcher dispatcher, ILeaderRepository leaders, IDistrictCatalog districts, TimeProvider time)
    {
        this.dispatcher = dispatcher;
        this.leaders = leaders;
        this.districts = districts;
        this.time = time;
    }

    /// <summary>The follow-ups due now, one work item each.</summary>
    public async Task<IReadOnlyList<FollowUpWorkItem>> FindDueAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var due = new List<FollowUpWorkItem>();
        foreach (var district in districts.All)
        {
            var candidates = await leaders.ListAsync(district.Code, Candidates, cancellationToken);
            foreach (var leader in candidates.Where(l => l.Membership != MembershipStatus.Member && l.WelcomedAt is not null))
            {
                var next = leader.FollowUps + 1;
                var delayDays = next switch
                {
                    1 => district.FollowUpDelayDays,
                    2 => district.SecondFollowUpDelayDays,
                    _ => null,
                };
                if (delayDays is { } days && leader.WelcomedAt!.Value.AddDays(days) <= now)
                {
                    due.Add(new FollowUpWorkItem(district.Code, leader.LeaderId, next));
                }
            }
        }

        return due;
    }

    /// <summary>Sends follow-up number <see cref="FollowUpWorkItem.FollowUpNumber"/> unless it was sent or no longer applies.</summary>
    public Task<LetterOutcome> SendAsync(FollowUpWorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.FollowUpNumber is < 1 or > 2)
        {
            throw new ArgumentOutOfRangeException(nameof(item), item.FollowUpNumber, "A leader gets at most two follow-ups.");
        }

        return dispatcher.SendAsync(Request(item), cancellationToken);
    }

    /// <summary>What follow-up <see cref="FollowUpWorkItem.FollowUpNumber"/> is: template, who may get it, and how sending it moves the leader.</summary>
    internal static LetterRequest Request(FollowUpWorkItem item) =>
        new(
            item.District,
            item.LeaderId,
            "followup" + item.FollowUpNumber.ToString(CultureInfo.InvariantCulture),
            "followup",
            item.FollowUpNumber,
            _ => Template,
            leader => leader.State is not (LeaderState.Welcomed or LeaderState.FollowedUp) ? "the leader is " + leader.State
                : leader.Membership == MembershipStatus.Member ? "the leader is a member"
                : leader.FollowUps >= item.FollowUpNumber ? "the follow-up was already recorded"
                : null,
            leader => leader.FollowUps < item.FollowUpNumber,
            (leader, byPost, now) =>
            {
                leader.FollowUps = item.FollowUpNumber;
                leader.LastFollowUpAt = now;
                var number = item.FollowUpNumber.ToString(CultureInfo.InvariantCulture);
                return leader.MoveTo(LeaderState.FollowedUp, "system", "Follow-up " + number + (byPost ? " produced as a print letter for the post" : " sent by e-mail"), now);
            });
}
