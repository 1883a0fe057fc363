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
