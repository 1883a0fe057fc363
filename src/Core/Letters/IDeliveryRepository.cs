namespace Outreach.Core.Letters;

/// <summary>The letters claimed and sent. A claim is the lock that keeps a letter from going out twice.</summary>
internal interface IDeliveryRepository
{
    /// <summary>The delivery of one letter, or null when it was never claimed.</summary>
    Task<Delivery?> GetAsync(string leaderId, string kind, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the right to send <paramref name="claim"/>. Only one caller ever wins (the insert is the lock); everyone else
    /// gets the existing delivery back and must not send.
    /// </summary>
    Task<(bool Claimed, Delivery Delivery)> ClaimAsync(Delivery claim, CancellationToken cancellationToken);

    /// <summary>Records the delivery's outcome (unconditionally: the claimer's word is final).</summary>
    Task SaveAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Records <paramref name="delivery"/> only if nobody changed it since it was read (its <see cref="Delivery.Version"/>);
    /// false when somebody did, or it is gone.
    /// </summary>
    Task<bool> TryUpdateAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>Gives a claim back when the letter certainly did not go out, so that a retry may send it.</summary>
    Task ReleaseAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>The deliveries whose outcome is unknown, of one district or (null) all, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Delivery>> ListOutcomeUnknownAsync(string? district, int limit, CancellationToken cancellationToken);

    /// <summary>Every delivery to one leader (all kinds).</summary>
    Task<IReadOnlyList<Delivery>> ListForLeaderAsync(string leaderId, CancellationToken cancellationToken);

    /// <summary>Deletes one delivery (erasure); false when it was gone already.</summary>
    Task<bool> DeleteAsync(string leaderId, string kind, CancellationToken cancellationToken);
}
