using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.CampaignSending;
using Outreach.Core.OptOuts;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.Privacy;

/// <summary>
/// Data protection (DESIGN §3 flow 9): export everything held about an address, erase it everywhere but a keyed-hash
/// suppression, and sweep non-members who never answered after <see cref="RetentionOptions.Months"/>. Erasures are
/// recorded in <see cref="IPrivacyAuditLog"/> and logged in counts, never with the address.
/// </summary>
public sealed partial class PrivacyService
{
    /// <summary>The actor of the retention sweep.</summary>
    public const string RetentionActor = "retention";

    /// <summary>The states of people who were written to and never answered (no join, no decline).</summary>
    private static readonly LeaderState[] Unanswered = [LeaderState.Welcomed, LeaderState.FollowedUp, LeaderState.Undeliverable, LeaderState.OptedOut];

    private readonly ILeaderRepository leaders;
    private readonly IDeliveryRepository deliveries;
    private readonly ISuppressionList suppressions;
    private readonly IOptOutRepository optOuts;
    private readonly IRecipientListRepository recipientLists;
    private readonly ICampaignBatchStore campaignBatches;
    private readonly ICampaignDeliveryErasure campaignDeliveries;
    private readonly IPrivacyAuditLog audit;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;
    private readonly int retentionMonths;
    private readonly ILogger<PrivacyService> logger;

    internal PrivacyService(
        ILeaderRepository leaders,
        IDeliveryRepository deliveries,
        ISuppressionList suppressions,
        IOptOutRepository optOuts,
        IRecipientListRepository recipientLists,
        ICampaignBatchStore campaignBatches,
        ICampaignDeliveryErasure campaignDeliveries,
        IPrivacyAuditLog audit,
        IDistrictCatalog districts,
        IOptions<RetentionOptions> retention,
        TimeProvider time,
        ILogger<PrivacyService> logger)
    {
        this.leaders = leaders;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.optOuts = optOuts;
        this.recipientLists = recipientLists;
        this.campaignBatches = campaignBatches;
        this.campaignDeliveries = campaignDeliveries;
        this.audit = audit;
        this.districts = districts;
        this.time = time;
        this.logger = logger;
        retentionMonths = retention.Value.Months;
    }

    /// <summary>Everything held about <paramref name="email"/>, or null when nothing is (an erased address holds nothing).</summary>
    /// <exception cref="InvalidFieldException">The address is not one.</exception>
    public async Task<PersonalDataExport?> ExportAsync(string email, CancellationToken cancellationToken = default)
    {
        var normalized = Validated(email);
        var records = new List<LeaderRecordExport>();
        foreach (var leader in await FindLeadersAsync(normalized, cancellationToken).ConfigureAwait(false))
        {
            var events = await leaders.GetEventsAsync(leader.District, leader.LeaderId, cancellationToken).ConfigureAwait(false);
            var letters = await LettersOfAsync(leader, cancellationToken).ConfigureAwait(false);
            records.Add(new LeaderRecordExport(leader.ToView(), leader.SourceId, [.. events.Select(change => change.ToView())], [.. letters.Select(DeliveryExport.From)]));
        }

        var suppression = await suppressions.GetAsync(normalized, cancellationToken).ConfigureAwait(false);
        var key = EmailAddresses.Hash(normalized);
        var optOutRecords = await optOuts.ListAsync(key, cancellationToken).ConfigureAwait(false);
        var listEntries = new List<RecipientListEntryExport>();
        foreach (var listId in await recipientLists.ListIdsHoldingAsync(key, cancellationToken).ConfigureAwait(false))
        {
            var entry = await recipientLists.FindEntryAsync(listId, key, cancellationToken).ConfigureAwait(false);
            if (entry is not null)
            {
                var list = await recipientLists.GetAsync(listId, cancellationToken).ConfigureAwait(false);
                listEntries.Add(RecipientListEntryExport.From(listId, list, entry));
            }
        }

        var mails = (await campaignBatches.ListForRecipientAsync(key, cancellationToken).ConfigureAwait(false))
            .OrderBy(delivery => delivery.At).ThenBy(delivery => delivery.CampaignId, StringComparer.Ordinal).ThenBy(delivery => delivery.BatchNumber)
            .Select(CampaignDeliveryExport.From)
            .ToList();
        return records.Count == 0 && suppression is null && optOutRecords.Count == 0 && listEntries.Count == 0 && mails.Count == 0
            ? null
            : new PersonalDataExport(normalized, time.GetUtcNow(), records, suppression, optOutRecords, listEntries, mails);
    }

    /// <summary>
    /// Erases <paramref name="email"/> everywhere (leaders and their events, deliveries, opt-outs, the plain suppression
    /// entry, rows of uploaded recipient lists, campaign delivery rows) and suppresses it for good by its keyed hash. Idempotent: a second call answers zero counts.
    /// </summary>
    /// <exception cref="InvalidFieldException">The address is not one, or the staff member's name is empty or too long.</exception>
    public async Task<ErasureCounts> EraseAsync(string email, string staffMember, CancellationToken cancellationToken = default)
    {
        var normalized = Validated(email);
        InvalidFieldException.ThrowIfEmptyOrLongerThan(staffMember, LeaderEvent.MaxActorLength, "staffMember");
        var counts = await EraseEverywhereAsync(normalized, staffMember, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(new PrivacyAuditEntry("erasure", time.GetUtcNow(), staffMember, counts.IsEmpty ? 0 : 1, counts), cancellationToken).ConfigureAwait(false);
        LogErased(logger, counts.Leaders, counts.LeaderEvents, counts.Deliveries, counts.OptOuts, counts.Suppressions, counts.ListEntries, counts.CampaignDeliveries);
        return counts;
    }

    /// <summary>
    /// Erases every address whose records all belong to non-members who never answered (written to, never joined, declined
    /// or consented) and whose last activity is older than the retention period; records and logs counts only.
    /// </summary>
    public async Task<RetentionReport> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cutoff = now.AddMonths(-retentionMonths);
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var district in districts.All)
        {
            var unanswered = await leaders.ListAsync(district.Code, new LeaderFilter { States = Unanswered }, cancellationToken).ConfigureAwait(false);
            candidates.UnionWith(unanswered.Where(leader => IsExpired(leader, cutoff)).Select(leader => EmailAddresses.Normalize(leader.Email)).Where(EmailAddresses.IsValid));
        }

        var people = 0;
        var counts = ErasureCounts.None;
        foreach (var email in candidates)
        {
            // Another district may know the same person as a member or as someone who answered: then nothing is erased.
            var everywhere = await FindLeadersAsync(email, cancellationToken).ConfigureAwait(false);
            if (everywhere.Count == 0 || !everywhere.All(leader => IsExpired(leader, cutoff)))
            {
                continue;
            }

            counts = counts.Add(await EraseEverywhereAsync(email, RetentionActor, cancellationToken).ConfigureAwait(false));
            people++;
        }

        await audit.RecordAsync(new PrivacyAuditEntry("retention", now, RetentionActor, people, counts), cancellationToken).ConfigureAwait(false);
        LogSwept(logger, people, counts.Leaders, counts.LeaderEvents, counts.Deliveries, counts.OptOuts, retentionMonths);
        return new RetentionReport(cutoff, people, counts);
    }

    private static bool IsExpired(Leader leader, DateTimeOffset cutoff) =>
        Unanswered.Contains(leader.State) &&
        leader.Membership != MembershipStatus.Member &&
        leader.LawfulBasis != LawfulBasis.Consent &&
        leader.JoinedAt is null &&
        LastActivity(leader) < cutoff;

    private static DateTimeOffset LastActivity(Leader leader) =>
        new[] { leader.DiscoveredAt, leader.WelcomedAt ?? default, leader.LastFollowUpAt ?? default }.Max();

    private static string Validated(string email)
    {
        if (!EmailAddresses.IsValid(email))
        {
            throw new InvalidFieldException("email", "email is not a plain e-mail address.");
        }

        return EmailAddresses.Normalize(email);
    }

    private async Task<ErasureCounts> EraseEverywhereAsync(string email, string actor, CancellationToken cancellationToken)
    {
        // The keyed-hash suppression goes first: a letter being sent meanwhile must already meet it.
        await suppressions.SuppressErasedAsync(email, actor, cancellationToken).ConfigureAwait(false);
        int leaderRows = 0, eventRows = 0, deliveryRows = 0, optOutRows = 0;
        foreach (var leader in await FindLeadersAsync(email, cancellationToken).ConfigureAwait(false))
        {
            foreach (var letter in await LettersOfAsync(leader, cancellationToken).ConfigureAwait(false))
            {
                deliveryRows += await deliveries.DeleteAsync(letter.LeaderId, letter.Kind, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            eventRows += await leaders.DeleteAsync(leader.District, leader.LeaderId, cancellationToken).ConfigureAwait(false);
            leaderRows++;
        }

        var emailHash = EmailAddresses.Hash(email);
        foreach (var optOut in await optOuts.ListAsync(emailHash, cancellationToken).ConfigureAwait(false))
        {
            optOutRows += await optOuts.DeleteAsync(emailHash, optOut.Category, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        var suppressionRows = await suppressions.RemoveAsync(email, cancellationToken).ConfigureAwait(false) ? 1 : 0;

        // Issue 10's tables: the person's rows on uploaded lists (each list's count lowered with them) and the delivery
        // rows of campaigns already sent. Frozen recipients of batches still to be sent are left to the batch sender,
        // which checks the keyed-hash suppression written above before it sends.
        int listRows = 0, campaignRows = 0;
        foreach (var listId in await recipientLists.ListIdsHoldingAsync(emailHash, cancellationToken).ConfigureAwait(false))
        {
            listRows += await recipientLists.DeleteEntryAsync(listId, emailHash, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        foreach (var mail in await campaignBatches.ListForRecipientAsync(emailHash, cancellationToken).ConfigureAwait(false))
        {
            campaignRows += await campaignDeliveries.DeleteDeliveryAsync(mail.CampaignId, mail.BatchNumber, emailHash, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return new ErasureCounts(leaderRows, eventRows, deliveryRows, optOutRows, suppressionRows, listRows, campaignRows);
    }

    private async Task<List<Leader>> FindLeadersAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var filter = new LeaderFilter { EmailHash = EmailAddresses.Hash(normalizedEmail) };
        var found = new List<Leader>();
        foreach (var district in districts.All)
        {
            found.AddRange(await leaders.ListAsync(district.Code, filter, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    private async Task<IEnumerable<Delivery>> LettersOfAsync(Leader leader, CancellationToken cancellationToken) =>
        (await deliveries.ListForLeaderAsync(leader.LeaderId, cancellationToken).ConfigureAwait(false))
            .Where(letter => string.Equals(letter.District, leader.District, StringComparison.Ordinal));

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Erasure: {Leaders} leader(s), {Events} event(s), {Deliveries} delivery(ies), {OptOuts} opt-out(s), {Suppressions} plain suppression(s), {ListEntries} list row(s), {CampaignDeliveries} campaign delivery(ies) removed; keyed-hash suppression kept")]
    private static partial void LogErased(ILogger logger, int leaders, int events, int deliveries, int optOuts, int suppressions, int listEntries, int campaignDeliveries);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "Retention sweep ({Months} months): {People} person(s) erased; {Leaders} leader(s), {Events} event(s), {Deliveries} delivery(ies), {OptOuts} opt-out(s) removed")]
    private static partial void LogSwept(ILogger logger, int people, int leaders, int events, int deliveries, int optOuts, int months);
}
