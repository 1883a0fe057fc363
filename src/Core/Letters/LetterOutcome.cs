using System.Text.Json.Serialization;

namespace Outreach.Core.Letters;

/// <summary>What became of one letter work item.</summary>
public enum LetterOutcome
{
    /// <summary>The letter was sent now.</summary>
    Sent,

    /// <summary>It had already been sent (a redelivered work item); nothing was sent.</summary>
    AlreadySent,

    /// <summary>An earlier attempt's outcome is unknown; nothing was sent, staff must look.</summary>
    OutcomeUnknown,

    /// <summary>Not sent on purpose: joined, declined, opted out, suppressed or erased since the item was queued.</summary>
    Skipped,

    /// <summary>Produced as a print-ready letter for the post (no consent to e-mail a non-member).</summary>
    PrintLetterProduced,
}
