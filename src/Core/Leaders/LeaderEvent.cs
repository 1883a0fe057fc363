namespace Outreach.Core.Leaders;

/// <summary>One state change of a leader: who or what moved them, when, and why.</summary>
internal sealed record LeaderEvent
{
    /// <summary>The longest reason kept in a leader's history.</summary>
    public const int MaxReasonLength = 2000;

    /// <summary>The longest actor name.</summary>
    public const int MaxActorLength = 200;

    private LeaderEvent(DateTimeOffset at, LeaderState? from, LeaderState to, string actor, string reason)
    {
        At = at;
        From = from;
        To = to;
        Actor = actor;
        Reason = reason;
    }

    public DateTimeOffset At { get; }

    public LeaderState? From { get; }

    public LeaderState To { get; }

    public string Actor { get; }

    public string Reason { get; }

    /// <summary>An event, with actor and reason checked before anything is written.</summary>
    /// <exception cref="InvalidFieldException">The actor or reason is empty or too long.</exception>
    public static LeaderEvent Create(DateTimeOffset at, LeaderState? from, LeaderState to, string actor, string reason)
    {
        InvalidFieldException.ThrowIfEmptyOrLongerThan(actor, MaxActorLength, "actor");
        InvalidFieldException.ThrowIfEmptyOrLongerThan(reason, MaxReasonLength, "reason");
        return new LeaderEvent(at, from, to, actor, reason);
    }

    /// <summary>An event as read back from storage (already checked when it was written).</summary>
    public static LeaderEvent Restore(DateTimeOffset at, LeaderState? from, LeaderState to, string actor, string reason) =>
        new(at, from, to, actor, reason);

    public LeaderEventView ToView() => new(At, From, To, Actor, Reason);
}
