namespace Outreach.Core.Campaigns;

/// <summary>
/// What staff do with campaigns: create and edit drafts, preview for a recipient, send a test, approve (four eyes for
/// chair-signed letters), send now or schedule, cancel, and read the status with counts. Every refusal by the state
/// rules is a <see cref="CampaignRuleException"/>; bad input is an <see cref="Leaders.InvalidFieldException"/> naming the
/// field; an unknown id is a <see cref="CampaignNotFoundException"/>.
/// </summary>
public sealed class CampaignService
{
    /// <summary>Creates a draft campaign.</summary>
    public Task<Campaign> CreateAsync(CampaignDraft draft, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Replaces the content and audience of a campaign not yet sending; an approval is withdrawn.</summary>
    public Task<Campaign> UpdateAsync(string campaignId, CampaignDraft draft, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>One campaign with its counts, or null.</summary>
    public Task<CampaignView?> GetAsync(string campaignId, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The campaigns of a district (every district when null), newest first.</summary>
    public Task<IReadOnlyList<Campaign>> ListAsync(string? district, CampaignKind? kind, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Approves the current version (not by an author when signed by the chair).</summary>
    public Task<Campaign> ApproveAsync(string campaignId, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Sends an approved campaign now (<paramref name="at"/> null or past) or schedules it.</summary>
    public Task<Campaign> SendAsync(string campaignId, string actor, DateTimeOffset? at, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Cancels a campaign not yet sent; batches not yet sent never will be.</summary>
    public Task<Campaign> CancelAsync(string campaignId, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The campaign as <paramref name="email"/> would receive it.</summary>
    public Task<CampaignPreview> PreviewAsync(string campaignId, string email, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Sends one test mail of the campaign to <paramref name="to"/> (subject marked as a test); nothing is recorded as sent.</summary>
    public Task SendTestAsync(string campaignId, string to, string actor, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
