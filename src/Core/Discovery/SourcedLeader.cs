namespace Outreach.Core.Discovery;

/// <summary>One leader as a source reports them.</summary>
public sealed record SourcedLeader
{
    /// <summary>District code the leader belongs to.</summary>
    public required string District { get; init; }

    /// <summary>The source's stable id for the person (Entra object id, list item id, the CSV's sourceId).</summary>
    public required string SourceId { get; init; }

    /// <summary>Full name.</summary>
    public required string Name { get; init; }

    /// <summary>E-mail address as given by the source.</summary>
    public required string Email { get; init; }

    /// <summary>Job title, e.g. "Institutionsleder".</summary>
    public string? JobTitle { get; init; }

    /// <summary>Workplace, e.g. "Bostedet Lærkevej".</summary>
    public string? Workplace { get; init; }

    /// <summary>Municipality (kommune) of the workplace.</summary>
    public string? Municipality { get; init; }

    /// <summary>Date of hiring, if known.</summary>
    public DateOnly? HireDate { get; init; }

    /// <summary>Membership as the source states it.</summary>
    public MembershipStatus Membership { get; init; }

    /// <summary>Name of the source (<see cref="ILeaderSource.Name"/>), kept on the record for audit.</summary>
    public required string Source { get; init; }
}
