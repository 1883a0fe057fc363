namespace Outreach.Core.Discovery;

/// <summary>
/// A place where newly hired leaders are found: a CSV file (local default and staff import format),
/// Microsoft Graph (users delta query) or a SharePoint list read through Graph.
/// </summary>
public interface ILeaderSource
{
    /// <summary>Short name recorded on every leader found here, e.g. <c>file</c>, <c>graph</c>, <c>sharepoint</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Reads the leaders the source currently has (or, for delta sources, the changes since the last read).
    /// A source that cannot be read throws; bad rows are returned as <see cref="LeaderSourceResult.Problems"/>.
    /// </summary>
    Task<LeaderSourceResult> ReadAsync(CancellationToken cancellationToken = default);
}

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

/// <summary>What one read of a source produced.</summary>
/// <param name="Leaders">Leaders found (new or changed).</param>
/// <param name="RemovedSourceIds">Source ids the source reports as removed (Graph <c>@removed</c>).</param>
/// <param name="Problems">Rows or items that could not be used, with the reason.</param>
public sealed record LeaderSourceResult(
    IReadOnlyList<SourcedLeader> Leaders,
    IReadOnlyList<string> RemovedSourceIds,
    IReadOnlyList<SourceProblem> Problems);

/// <summary>One unusable row or item.</summary>
/// <param name="Line">1-based line number for files (the header is line 1), or null.</param>
/// <param name="Item">The item id for Graph and SharePoint, or null.</param>
/// <param name="Reason">Why it was not used, in plain words.</param>
public sealed record SourceProblem(int? Line, string? Item, string Reason);
