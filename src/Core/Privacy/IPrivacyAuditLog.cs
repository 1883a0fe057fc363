namespace Outreach.Core.Privacy;

/// <summary>The record of erasures and sweeps (no addresses, no names of the people erased).</summary>
internal interface IPrivacyAuditLog
{
    /// <summary>Records one entry.</summary>
    Task RecordAsync(PrivacyAuditEntry entry, CancellationToken cancellationToken);

    /// <summary>The entries recorded at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<PrivacyAuditEntry>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
