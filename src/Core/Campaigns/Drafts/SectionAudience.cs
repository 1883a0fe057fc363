namespace Outreach.Core.Campaigns;

/// <summary>Who sees one section of a newsletter issue.</summary>
public enum SectionAudience
{
    /// <summary>Every recipient.</summary>
    All = 0,

    /// <summary>Only members of the union.</summary>
    Members = 1,

    /// <summary>Only leaders who are not members (invitations to join).</summary>
    NonMembers = 2,
}
