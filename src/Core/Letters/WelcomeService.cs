using Outreach.Core.Discovery;
using Outreach.Core.Leaders;

namespace Outreach.Core.Letters;

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

    internal WelcomeService(LetterDispatcher dispatcher) => this.dispatcher = dispatcher;

    /// <summary>Sends the welcome of <paramref name="item"/> unless it was sent, or its outcome is unknown.</summary>
    public Task<LetterOutcome> SendAsync(WelcomeWorkItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        return dispatcher.SendAsync(Request(item), cancellationToken);
    }

    /// <summary>What the welcome of <paramref name="item"/> is: template, who may get it, and how sending it moves the leader.</summary>
    internal static LetterRequest Request(WelcomeWorkItem item) =>
        new(
            item.District,
            item.LeaderId,
            "welcome",
            "welcome",
            0,
            leader => leader.Membership == MembershipStatus.Member ? MemberTemplate : NonMemberTemplate,
            leader => leader.State == LeaderState.Discovered ? null : "the leader is " + leader.State,
            leader => leader.State == LeaderState.Discovered,
            (leader, byPost, now) =>
            {
                leader.WelcomedAt = now;
                var what = leader.Membership == MembershipStatus.Member ? "Member welcome" : "Welcome and invitation to join";
                return leader.MoveTo(LeaderState.Welcomed, "system", what + (byPost ? " produced as a print letter for the post" : " sent by e-mail"), now);
            });
}
