namespace Outreach.Core.ProviderEvents;

/// <summary>The provider events applied already, so that a batch SendGrid delivers again is applied once.</summary>
internal interface IProcessedEventStore
{
    /// <summary>True when the event with <paramref name="eventKey"/> was applied.</summary>
    Task<bool> HasAsync(string eventKey, CancellationToken cancellationToken);

    /// <summary>Records the event as applied (insert if absent); false when it was recorded already.</summary>
    Task<bool> TryAddAsync(string eventKey, CancellationToken cancellationToken);
}
