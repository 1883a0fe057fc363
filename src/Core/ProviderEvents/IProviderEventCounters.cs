namespace Outreach.Core.ProviderEvents;

/// <summary>Counts of provider events per district, day (Europe/Copenhagen) and event type; no person in them.</summary>
internal interface IProviderEventCounters
{
    /// <summary>Adds <paramref name="count"/> events of <paramref name="eventType"/>.</summary>
    Task AddAsync(string district, DateOnly day, string eventType, int count, CancellationToken cancellationToken);

    /// <summary>The count so far (zero when none).</summary>
    Task<long> GetAsync(string district, DateOnly day, string eventType, CancellationToken cancellationToken);
}
