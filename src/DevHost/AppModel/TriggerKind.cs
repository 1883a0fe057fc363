namespace Outreach.DevHost.AppModel;

/// <summary>The kinds of trigger DevHost plays.</summary>
public enum TriggerKind
{
    /// <summary>A trigger DevHost does not play (it says so at start).</summary>
    Other,

    /// <summary><c>queueTrigger</c>.</summary>
    Queue,

    /// <summary><c>timerTrigger</c>.</summary>
    Timer,

    /// <summary><c>httpTrigger</c>.</summary>
    Http,
}
