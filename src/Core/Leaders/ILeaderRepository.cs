namespace Outreach.Core.Leaders;

/// <summary>
/// The leaders and their history. A state change and its event are written together or not at all, and every write
/// of a leader read earlier checks that nobody changed it meanwhile.
/// </summary>
internal interface ILeaderRepository
{
    /// <summary>One leader, or null.</summary>
    Task<Leader?> GetAsync(string district, string leaderId, CancellationToken cancellationToken);

    /// <summary>The leaders of a district that match <paramref name="filter"/>, in no particular order.</summary>
    Task<IReadOnlyList<Leader>> ListAsync(string district, LeaderFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The leaders of a district that match <paramref name="filter"/>, in no particular order, read page by page as the
    /// caller goes: for a whole district (a campaign's audience) without holding every leader in memory at once.
    /// </summary>
    IAsyncEnumerable<Leader> StreamAsync(string district, LeaderFilter filter, CancellationToken cancellationToken);

    /// <summary>Stores a new leader with its first event.</summary>
    /// <exception cref="DuplicateLeaderException">The leader exists already; nothing was written.</exception>
    Task AddAsync(Leader leader, LeaderEvent firstEvent, CancellationToken cancellationToken);

    /// <summary>Saves a changed leader and, when given, the event of its state change, in one atomic write.</summary>
    /// <exception cref="ConcurrencyConflictException">The leader changed since it was read; nothing was written.</exception>
    Task UpdateAsync(Leader leader, LeaderEvent? change, CancellationToken cancellationToken);

    /// <summary>Every event of one leader, oldest first.</summary>
    Task<IReadOnlyList<LeaderEvent>> GetEventsAsync(string district, string leaderId, CancellationToken cancellationToken);

    /// <summary>Deletes a leader and every event of it (erasure); answers how many event rows went, 0 when it was gone already.</summary>
    /// <returns>The number of event rows deleted.</returns>
    Task<int> DeleteAsync(string district, string leaderId, CancellationToken cancellationToken);
}
