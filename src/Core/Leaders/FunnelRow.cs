using Outreach.Core.Discovery;

namespace Outreach.Core.Leaders;

/// <summary>Counts for one hiring month and municipality.</summary>
/// <param name="HiringMonth">yyyy-MM of the hire date, or "unknown".</param>
/// <param name="Municipality">Municipality, or "unknown".</param>
/// <param name="Discovered">Leaders discovered.</param>
/// <param name="Welcomed">Of those, welcomed.</param>
/// <param name="FollowedUp">Of those, followed up.</param>
/// <param name="Joined">Of those, joined (by the membership export or a staff decision).</param>
/// <param name="JoinedAfterLetter">Of the joined, those whose join came after our first letter: the conversions credited to outreach.</param>
/// <param name="Declined">Leaders who said no.</param>
/// <param name="OptedOut">Leaders who opted out of outreach letters.</param>
/// <param name="Undeliverable">Leaders whose address bounced, was dropped or is suppressed.</param>
/// <param name="MedianDaysToJoin">Of the joined after our letter, the median days from welcome to joining; null when none.</param>
public sealed record FunnelRow(
    string HiringMonth,
    string Municipality,
    int Discovered,
    int Welcomed,
    int FollowedUp,
    int Joined,
    int JoinedAfterLetter,
    int Declined,
    int OptedOut,
    int Undeliverable,
    double? MedianDaysToJoin);
