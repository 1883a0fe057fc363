using Outreach.Core.Discovery;

namespace Outreach.Core.CampaignSending;

/// <summary>One person in a campaign's frozen audience, with the values their letter needs.</summary>
public sealed record CampaignRecipient
{
    /// <summary>The hash of the normalised address (<see cref="Email.EmailAddresses.Hash"/>): unique within a campaign.</summary>
    public required string Key { get; init; }

    /// <summary>The address as given.</summary>
    public required string Email { get; init; }

    /// <summary>The person's name.</summary>
    public required string Name { get; init; }

    /// <summary>Municipality, or null.</summary>
    public string? Municipality { get; init; }

    /// <summary>Membership, which decides the variant of a sectioned newsletter; <see cref="MembershipStatus.Unknown"/> for list rows.</summary>
    public MembershipStatus Membership { get; init; }

    /// <summary>The leader's id when the recipient is a leader, or null for a row of an uploaded list.</summary>
    public string? LeaderId { get; init; }

    /// <summary>The role from an uploaded list (e.g. "Kandidat"), or null.</summary>
    public string? Role { get; init; }
}
