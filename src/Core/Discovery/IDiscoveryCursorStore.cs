namespace Outreach.Core.Discovery;

/// <summary>
/// Keeps a source's position between runs (a Graph delta link, an import position), so that a delta source reads only
/// what changed. Implemented on Table Storage (the cursors table).
/// </summary>
public interface IDiscoveryCursorStore
{
    /// <summary>Returns the saved cursor for <paramref name="key"/> (e.g. <c>graph:storkobenhavn</c>), or null.</summary>
    Task<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="value"/> for <paramref name="key"/>; null removes it (forces a full resync).</summary>
    Task SetAsync(string key, string? value, CancellationToken cancellationToken = default);
}
