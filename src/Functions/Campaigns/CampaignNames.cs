using Outreach.Core.Campaigns;
using Outreach.Core.Discovery;
using Outreach.Core.Unsubscribe;

namespace Outreach.Functions.Campaigns;

/// <summary>
/// The names the HTTP contract gives Core's values (lower-case words, as staff type them) and back. Reading accepts any
/// letter case and ignores <c>-</c> and <c>_</c>, so <c>nonmember</c>, <c>non-member</c> and <c>NonMember</c> are one value.
/// </summary>
public static class CampaignNames
{
    /// <summary>The categories a campaign can have, as the contract names them.</summary>
    public static IReadOnlyList<string> Categories { get; } = ["campaigns", "newsletter"];

    /// <summary>The membership values of a segment, as the contract names them.</summary>
    public static IReadOnlyList<string> MembershipValues { get; } = ["member", "nonmember", "unknown"];

    /// <summary>The section audiences of a newsletter, as the contract names them.</summary>
    public static IReadOnlyList<string> SectionAudiences { get; } = ["all", "members", "nonmembers"];

    /// <summary><c>campaign</c> or <c>newsletter</c>.</summary>
    public static string Kind(CampaignKind kind) => kind == CampaignKind.Newsletter ? "newsletter" : "campaign";

    /// <summary><c>campaigns</c>, <c>newsletter</c> (or the category's name in lower case).</summary>
    public static string Category(OptOutCategory category) => category.ToString().ToLowerInvariant();

    /// <summary><c>member</c>, <c>nonmember</c> or <c>unknown</c>.</summary>
    public static string Membership(MembershipStatus membership) => membership.ToString().ToLowerInvariant();

    /// <summary>The category named <paramref name="text"/>, or null.</summary>
    public static OptOutCategory? ParseCategory(string text) => Simplify(text) switch
    {
        "campaigns" or "campaign" => OptOutCategory.Campaigns,
        "newsletter" or "newsletters" => OptOutCategory.Newsletter,
        _ => null,
    };

    /// <summary>The membership named <paramref name="text"/>, or null.</summary>
    public static MembershipStatus? ParseMembership(string text) => Simplify(text) switch
    {
        "member" or "members" => MembershipStatus.Member,
        "nonmember" or "nonmembers" => MembershipStatus.NonMember,
        "unknown" => MembershipStatus.Unknown,
        _ => null,
    };

    /// <summary>The section audience named <paramref name="text"/>, or null.</summary>
    public static SectionAudience? ParseSectionAudience(string text) => Simplify(text) switch
    {
        "all" => SectionAudience.All,
        "members" or "member" => SectionAudience.Members,
        "nonmembers" or "nonmember" => SectionAudience.NonMembers,
        _ => null,
    };

    private static string Simplify(string text) =>
        new([.. text.Trim().Where(c => c is not ('-' or '_')).Select(char.ToLowerInvariant)]);
}
