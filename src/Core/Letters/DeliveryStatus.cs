namespace Outreach.Core.Letters;

/// <summary>How far a letter got. Claimed without Sent after a crash is what makes an outcome unknown.</summary>
internal enum DeliveryStatus
{
    Claimed,
    Sent,
    OutcomeUnknown,
    Rejected,
    Skipped,
}
