using Outreach.Core.Leaders;

namespace Outreach.Core.Letters;

/// <summary>What differs between the letters: which delivery, which template, who may get it, what sending changes.</summary>
internal sealed record LetterRequest(
    string District,
    string LeaderId,
    string Kind,
    string Category,
    int FollowUpNumber,
    Func<Leader, string> Template,
    Func<Leader, string?> Ineligible,
    Func<Leader, bool> NeedsRecording,
    Func<Leader, bool, DateTimeOffset, LeaderEvent> RecordSent);
