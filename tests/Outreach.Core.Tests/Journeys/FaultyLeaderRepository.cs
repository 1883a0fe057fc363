using Outreach.Core.Leaders;

namespace Outreach.Core.Tests.Journeys;

/// <summary>
/// The real leader repository with a crash injected between writes: after a number of successful adds or state changes
/// the next one throws before it reaches storage, as a killed process would stop there.
/// </summary>
internal sealed class FaultyLeaderRepository(ILeaderRepository inner) : ILeaderRepository
{
    private int adds;
    private int changes;

    /// <summary>Adds that succeed before the next one fails; null never fails.</summary>
    public int? FailAddAfter { get; set; }

    /// <summary>State changes (updates with an event) that succeed before the next one fails; null never fails.</summary>
    public int? FailChangeAfter { get; set; }

    public Task<Leader?> GetAsync(string district, string leaderId, CancellationToken cancellationToken) => inner.GetAsync(district, leaderId, cancellationToken);

    public Task<IReadOnlyList<Leader>> ListAsync(string district, LeaderFilter filter, CancellationToken cancellationToken) => inner.ListAsync(district, filter, cancellationToken);

    public IAsyncEnumerable<Leader> StreamAsync(string district, LeaderFilter filter, CancellationToken cancellationToken) => inner.StreamAsync(district, filter, cancellationToken);

    public Task AddAsync(Leader leader, LeaderEvent firstEvent, CancellationToken cancellationToken) =>
        FailAddAfter is { } limit && Interlocked.Increment(ref adds) > limit
            ? throw new IOException("The process stopped (injected) before storing the leader.")
            : inner.AddAsync(leader, firstEvent, cancellationToken);

    public Task UpdateAsync(Leader leader, LeaderEvent? change, CancellationToken cancellationToken) =>
        change is not null && FailChangeAfter is { } limit && Interlocked.Increment(ref changes) > limit
            ? throw new IOException("The process stopped (injected) before recording the state change.")
            : inner.UpdateAsync(leader, change, cancellationToken);

    public Task<IReadOnlyList<LeaderEvent>> GetEventsAsync(string district, string leaderId, CancellationToken cancellationToken) => inner.GetEventsAsync(district, leaderId, cancellationToken);

    public Task<int> DeleteAsync(string district, string leaderId, CancellationToken cancellationToken) => inner.DeleteAsync(district, leaderId, cancellationToken);
}
