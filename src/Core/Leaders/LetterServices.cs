using Outreach.Core.Discovery;
using Outreach.Core.Districts;

namespace Outreach.Core.Leaders;

/// <summary>
/// Flow 2: the welcome letter from the chair, one per leader. Members get the letter about what the union offers
/// leaders, everyone else the invitation to join; membership is re-read at send time, so a leader who joined in between
/// gets the member letter or none.
/// </summary>
public sealed class WelcomeService
{
    /// <summary>The member welcome's template name.</summary>
    public const string MemberTemplate = "welcome-member";

    /// <summary>The non-member welcome's template name.</summary>
    public const string NonMemberTemplate = "welcome-nonmember";

    private readonly LetterDispatcher dispatcher;
    private readonly TimeProvider time;

    internal WelcomeService(LetterDispatcher dispatcher, TimeProvider time)
    {
        this.dispatcher = dispatcher;
        this.time = time;
    }

    /// <summary>Sends the welcome of <paramref name="item"/> unless it was sent, or its outcome is unknown.</summary>
    public Task<LetterOutcome> SendAsync(WelcomeWorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return dispatcher.SendAsync(
            new LetterRequest(
                item.District,
                item.LeaderId,
                "welcome",
                "welcome",
                0,
                leader => leader.Membership == MembershipStatus.Member ? MemberTemplate : NonMemberTemplate,
                leader => leader.State == LeaderState.Discovered ? null : "the leader is " + leader.State,
                leader => leader.State == LeaderState.Discovered,
                async (leader, store, byPost, ct) =>
                {
                    leader.WelcomedAt = time.GetUtcNow();
                    var what = leader.Membership == MembershipStatus.Member ? "Member welcome" : "Welcome and invitation to join";
                    await store.TransitionAsync(leader, LeaderState.Welcomed, "system", what + (byPost ? " produced as a print letter for the post" : " sent by e-mail"), ct);
                }),
            cancellationToken);
    }
}

/// <summary>
/// Flow 3: a follow-up to non-members welcomed at least the district's delay ago who have not joined, declined or
/// opted out; a second one when the district configures it.
/// </summary>
public sealed class FollowUpService
{
    /// <summary>The follow-up's template name.</summary>
    public const string Template = "followup";

    private readonly LetterDispatcher dispatcher;
    private readonly LeaderStore store;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;

    internal FollowUpService(LetterDispatcher dispatcher, LeaderStore store, IDistrictCatalog districts, TimeProvider time)
    {
        this.dispatcher = dispatcher;
        this.store = store;
        this.districts = districts;
        this.time = time;
    }

    /// <summary>The follow-ups due now, one work item each.</summary>
    public async Task<IReadOnlyList<FollowUpWorkItem>> FindDueAsync(CancellationToken cancellationToken = default)
    {
        await store.EnsureCreatedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var due = new List<FollowUpWorkItem>();
        foreach (var district in districts.All)
        {
            var candidates = await store.ListAsync(district.Code, "State eq 'Welcomed' or State eq 'FollowedUp'", cancellationToken);
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

        return dispatcher.SendAsync(
            new LetterRequest(
                item.District,
                item.LeaderId,
                "followup" + item.FollowUpNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "followup",
                item.FollowUpNumber,
                _ => Template,
                leader => leader.State is not (LeaderState.Welcomed or LeaderState.FollowedUp) ? "the leader is " + leader.State
                    : leader.Membership == MembershipStatus.Member ? "the leader is a member"
                    : leader.FollowUps >= item.FollowUpNumber ? "the follow-up was already recorded"
                    : null,
                leader => leader.FollowUps < item.FollowUpNumber,
                async (leader, leaderStore, byPost, ct) =>
                {
                    leader.FollowUps = item.FollowUpNumber;
                    leader.LastFollowUpAt = time.GetUtcNow();
                    var number = item.FollowUpNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await leaderStore.TransitionAsync(leader, LeaderState.FollowedUp, "system", "Follow-up " + number + (byPost ? " produced as a print letter for the post" : " sent by e-mail"), ct);
                }),
            cancellationToken);
    }
}
