namespace Outreach.Core.Campaigns;

/// <summary>Campaigns and newsletter issues, stored with optimistic concurrency.</summary>
internal interface ICampaignRepository
{
    /// <summary>One campaign, or null.</summary>
    Task<Campaign?> GetAsync(string campaignId, CancellationToken cancellationToken);

    /// <summary>The campaigns of a district (or every district when null), newest first.</summary>
    Task<IReadOnlyList<Campaign>> ListAsync(string? district, CampaignKind? kind, CancellationToken cancellationToken);

    /// <summary>The campaigns in <paramref name="status"/> (e.g. every <see cref="CampaignStatus.Scheduled"/> one).</summary>
    Task<IReadOnlyList<Campaign>> ListByStatusAsync(CampaignStatus status, CancellationToken cancellationToken);

    /// <summary>Stores a new campaign.</summary>
    /// <exception cref="CampaignRuleException">A campaign with the id exists (rule <c>exists</c>); nothing was written.</exception>
    Task AddAsync(Campaign campaign, CancellationToken cancellationToken);

    /// <summary>Saves a changed campaign if nobody changed it since it was read, and updates its <see cref="Campaign.Version"/>.</summary>
    /// <exception cref="Leaders.ConcurrencyConflictException">It changed since it was read; nothing was written.</exception>
    Task UpdateAsync(Campaign campaign, CancellationToken cancellationToken);

    /// <summary>Deletes a campaign that never started sending (a draft); false when it was gone.</summary>
    Task<bool> DeleteAsync(string campaignId, CancellationToken cancellationToken);
}
