using Outreach.Core.Unsubscribe;

namespace Outreach.Core.CampaignSending;

/// <summary>
/// Everyone who must not get a mail of one category, read in bulk: planning and sending check a whole audience or batch
/// against one set instead of reading the suppression list and the opt-outs once per recipient.
/// </summary>
internal interface IMailingExclusions
{
    /// <summary>
    /// The suppressed addresses (erased ones included) and those opted out of <paramref name="category"/> or of
    /// everything, as they are now.
    /// </summary>
    Task<MailingExclusionSet> LoadAsync(OptOutCategory category, CancellationToken cancellationToken);
}
