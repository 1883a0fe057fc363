using Outreach.Core.Privacy;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.OptOuts;

/// <summary>People's opt-outs per category of mail, kept by a hash of the normalised address.</summary>
internal interface IOptOutRepository
{
    /// <summary>True when the address opted out of <paramref name="category"/> or of everything.</summary>
    Task<bool> HasOptedOutAsync(string emailHash, OptOutCategory category, CancellationToken cancellationToken);

    /// <summary>Records an opt-out.</summary>
    Task RecordAsync(string emailHash, OptOutCategory category, string district, CancellationToken cancellationToken);

    /// <summary>Every opt-out of the address.</summary>
    Task<IReadOnlyList<OptOutRecord>> ListAsync(string emailHash, CancellationToken cancellationToken);

    /// <summary>Deletes one opt-out (erasure); false when it was gone already.</summary>
    Task<bool> DeleteAsync(string emailHash, OptOutCategory category, CancellationToken cancellationToken);
}
