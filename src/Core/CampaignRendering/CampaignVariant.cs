using Outreach.Core.Campaigns;
using Outreach.Core.Discovery;

namespace Outreach.Core.CampaignRendering;

/// <summary>
/// Which version of a campaign a recipient gets. A campaign renders once per variant (its district × the set of
/// sections the recipient sees), not once per recipient: <c>all</c> when no section is aimed at members or non-members,
/// otherwise <c>members</c>, <c>nonmembers</c> or <c>unknown</c> (sections for everyone only).
/// </summary>
public static class CampaignVariant
{
    /// <summary>Every recipient gets the same letter.</summary>
    public const string All = "all";

    /// <summary>Members: sections for everyone and for members.</summary>
    public const string Members = "members";

    /// <summary>Non-members: sections for everyone and for non-members.</summary>
    public const string NonMembers = "nonmembers";

    /// <summary>Membership unknown (e.g. rows of an uploaded list): sections for everyone only.</summary>
    public const string Unknown = "unknown";

    /// <summary>The variant of <paramref name="content"/> that a recipient with <paramref name="membership"/> gets.</summary>
    public static string For(CampaignContent content, MembershipStatus membership)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Sections.All(section => section.Audience == SectionAudience.All))
        {
            return All;
        }

        return membership switch
        {
            MembershipStatus.Member => Members,
            MembershipStatus.NonMember => NonMembers,
            _ => Unknown,
        };
    }

    /// <summary>True when <paramref name="section"/> belongs in <paramref name="variant"/>.</summary>
    public static bool Includes(string variant, ContentSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Audience switch
        {
            SectionAudience.All => true,
            SectionAudience.Members => variant == Members,
            SectionAudience.NonMembers => variant == NonMembers,
            _ => false,
        };
    }
}
