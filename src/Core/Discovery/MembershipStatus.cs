namespace Outreach.Core.Discovery;

/// <summary>Whether a person is a member of the union, as far as the source or the registry knows.</summary>
public enum MembershipStatus
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>A member.</summary>
    Member = 1,

    /// <summary>Not a member.</summary>
    NonMember = 2,
}
