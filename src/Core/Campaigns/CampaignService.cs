using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Outreach.Core.CampaignRendering;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Campaigns;

/// <summary>
/// What staff do with campaigns: create and edit drafts, preview for a recipient, send a test, approve (four eyes for
/// chair-signed letters), send now or schedule, cancel, and read the status with counts. Every refusal by the state
/// rules is a <see cref="CampaignRuleException"/>; bad input is an <see cref="Leaders.InvalidFieldException"/> naming the
/// field; an unknown id is a <see cref="CampaignNotFoundException"/>. A change that loses a race with another writer is
/// a <see cref="ConcurrencyConflictException"/> (nothing was written; the HTTP layer answers 409).
/// </summary>
public sealed partial class CampaignService
{
    /// <summary>
    /// The name a preview or test mail shows for an address that is in none of the campaign's audiences (typically the
    /// staff member's own): a visible placeholder, so staff see where each recipient's own name will stand. Guessing a
    /// name from the address, or a word like "leder", would read as if it were the real letter.
    /// </summary>
    public const string UnknownRecipientName = "[Modtagerens navn]";

    /// <summary>The furthest ahead a campaign can be scheduled: later than this is almost certainly a typing error.</summary>
    public static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromDays(90);

    // Lower-case base32 (RFC 4648 alphabet): 12 characters are 60 random bits, safe in table keys and URLs.
    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private readonly ICampaignRepository campaigns;
    private readonly ICampaignBatchStore batches;
    private readonly ICampaignWorkQueue queue;
    private readonly IRecipientListRepository lists;
    private readonly ILeaderRepository leaders;
    private readonly IDistrictCatalog districts;
    private readonly ICampaignRenderer renderer;
    private readonly IUnsubscribeTokens tokens;
    private readonly IMailSender mail;
    private readonly TimeProvider time;
    private readonly ILogger<CampaignService> logger;
    private readonly CampaignDraftValidator validator;

    internal CampaignService(
        ICampaignRepository campaigns,
        ICampaignBatchStore batches,
        ICampaignWorkQueue queue,
        IRecipientListRepository lists,
        ILeaderRepository leaders,
        IDistrictCatalog districts,
        ICampaignRenderer renderer,
        IUnsubscribeTokens tokens,
        IMailSender mail,
        TimeProvider time,
        ILogger<CampaignService> logger)
    {
        this.campaigns = campaigns;
        this.batches = batches;
        this.queue = queue;
        this.lists = lists;
        this.leaders = leaders;
        this.districts = districts;
        this.renderer = renderer;
        this.tokens = tokens;
        this.mail = mail;
        this.time = time;
        this.logger = logger;
        validator = new CampaignDraftValidator(districts, lists, renderer);
    }

    /// <summary>Creates a draft campaign (id <c>c-</c> and 12 random characters); its history starts with <c>created</c> by <paramref name="actor"/>.</summary>
    /// <exception cref="InvalidFieldException">The draft is not valid (the field is named); nothing was written.</exception>
    public async Task<Campaign> CreateAsync(CampaignDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var (valid, _) = await validator.ValidateAsync(draft, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var campaign = new Campaign
            {
                Id = NewId(),
                Kind = CampaignKind.Campaign,
                District = valid.District,
                Name = valid.Name,
                Category = valid.Category,
                Content = valid.Content,
                Audience = valid.Audience,
                Status = CampaignStatus.Draft,
                CreatedBy = actor,
                CreatedAt = now,
            };
            campaign.Record(now, actor, "created");
            try
            {
                await campaigns.AddAsync(campaign, cancellationToken).ConfigureAwait(false);
                LogCreated(logger, campaign.Id, campaign.District);
                return campaign;
            }
            catch (CampaignRuleException exception) when (exception.Rule == "exists" && attempt < 3)
            {
                // 60 random bits make this all but impossible; a fresh id is the answer if it ever happens.
            }
        }
    }

    /// <summary>Replaces the content and audience of a campaign not yet sending; an approval is withdrawn.</summary>
    /// <exception cref="InvalidFieldException">The draft is not valid, or names another district; nothing was written.</exception>
    /// <exception cref="CampaignRuleException"><c>not-editable</c>: sending has started, or it was cancelled.</exception>
    public async Task<Campaign> UpdateAsync(string campaignId, CampaignDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var campaign = await LoadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var (valid, _) = await validator.ValidateAsync(draft, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(valid.District, campaign.District, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidFieldException("district", "A campaign stays in its district; create a new one for another district.");
        }

        if (campaign.Kind == CampaignKind.Newsletter && valid.Category != OptOutCategory.Newsletter)
        {
            // Opting out of newsletters must keep someone from getting every issue, edited or not.
            throw new InvalidFieldException("category", "A newsletter issue stays in the newsletter category.");
        }

        campaign.Edit(valid.Name, valid.Category, valid.Content, valid.Audience, actor, time.GetUtcNow());
        await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
        LogChanged(logger, campaign.Id, "edited", campaign.Status);
        return campaign;
    }

    /// <summary>
    /// One campaign with its counts, or null. The counts are the campaign's <see cref="Campaign.PlanningCounts"/> (the
    /// frozen audience, and those left out at planning) plus the outcomes of its batches; a batch's own planned count is
    /// not added again (see <see cref="CampaignCounts"/>).
    /// </summary>
    public async Task<CampaignView?> GetAsync(string campaignId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(campaignId))
        {
            return null;
        }

        var campaign = await campaigns.GetAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign is null)
        {
            return null;
        }

        var counts = campaign.PlanningCounts;
        // A draft, an approved or a scheduled campaign has no batches: no need to ask.
        if (campaign.Status is not (CampaignStatus.Draft or CampaignStatus.Approved or CampaignStatus.Scheduled))
        {
            foreach (var batch in await batches.ListAsync(campaign.Id, cancellationToken).ConfigureAwait(false))
            {
                counts = counts.Add(batch.Counts with { Planned = 0 });
            }
        }

        return new CampaignView(campaign, counts);
    }

    /// <summary>The campaigns of a district (every district when null), newest first.</summary>
    public Task<IReadOnlyList<Campaign>> ListAsync(string? district, CampaignKind? kind, CancellationToken cancellationToken = default)
    {
        // The stored code, whatever the case staff typed it in; an unknown district simply has no campaigns.
        var code = string.IsNullOrWhiteSpace(district) ? null : districts.Find(district.Trim())?.Code ?? district.Trim();
        return campaigns.ListAsync(code, kind, cancellationToken);
    }

    /// <summary>Approves the current version (not by an author when signed by the chair).</summary>
    /// <exception cref="CampaignRuleException"><c>four-eyes</c> or <c>not-draft</c>.</exception>
    public async Task<Campaign> ApproveAsync(string campaignId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var campaign = await LoadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        campaign.Approve(actor, time.GetUtcNow());
        await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
        LogChanged(logger, campaign.Id, "approved", campaign.Status);
        return campaign;
    }

    /// <summary>
    /// Sends an approved campaign now (<paramref name="at"/> null or past: it goes to <see cref="CampaignStatus.Planning"/>
    /// and its planning is queued) or schedules it (at most <see cref="MaxScheduleAhead"/> ahead). Asking again to send a
    /// campaign that is still <see cref="CampaignStatus.Planning"/> queues its planning again (planning is idempotent), so
    /// a request that failed after saving but before queueing can simply be repeated.
    /// </summary>
    /// <exception cref="InvalidFieldException"><c>at</c> is too far ahead.</exception>
    /// <exception cref="CampaignRuleException"><c>approval-required</c>: it is not approved.</exception>
    public async Task<Campaign> SendAsync(string campaignId, string actor, DateTimeOffset? at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = time.GetUtcNow();
        if (at is { } when && when - now > MaxScheduleAhead)
        {
            throw new InvalidFieldException("at", $"A campaign can be scheduled at most {MaxScheduleAhead.TotalDays:0} days ahead.");
        }

        var campaign = await LoadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (campaign.Status == CampaignStatus.Planning && (at is null || at <= now))
        {
            await queue.EnqueuePlanAsync(new CampaignPlanWorkItem(campaign.Id), cancellationToken).ConfigureAwait(false);
            LogPlanQueuedAgain(logger, campaign.Id);
            return campaign;
        }

        campaign.RequestSend(actor, now, at?.ToUniversalTime());
        // Saved before queueing: the planner only plans a campaign it finds in Planning.
        await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
        if (campaign.Status == CampaignStatus.Planning)
        {
            await queue.EnqueuePlanAsync(new CampaignPlanWorkItem(campaign.Id), cancellationToken).ConfigureAwait(false);
        }

        LogChanged(logger, campaign.Id, campaign.Status == CampaignStatus.Scheduled ? "scheduled" : "send-requested", campaign.Status);
        return campaign;
    }

    /// <summary>Cancels a campaign not yet sent; batches not yet sent never will be.</summary>
    /// <exception cref="CampaignRuleException"><c>not-cancellable</c>: it is sent or cancelled already.</exception>
    public async Task<Campaign> CancelAsync(string campaignId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var campaign = await LoadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        campaign.Cancel(actor, time.GetUtcNow());
        await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
        LogChanged(logger, campaign.Id, "cancelled", campaign.Status);
        return campaign;
    }

    /// <summary>
    /// The campaign as <paramref name="email"/> would receive it: a leader of the campaign's district with that address
    /// (when the audience has a segment; <see cref="CampaignPreview.InAudience"/> when the leader matches it), else a row
    /// of one of its lists. An address found in neither is shown with <see cref="UnknownRecipientName"/> and the variant
    /// for unknown membership.
    /// </summary>
    /// <exception cref="InvalidFieldException"><c>email</c> is not an address.</exception>
    public async Task<CampaignPreview> PreviewAsync(string campaignId, string email, CancellationToken cancellationToken = default)
    {
        if (!EmailAddresses.IsValid(email))
        {
            throw new InvalidFieldException("email", "email is not a valid e-mail address.");
        }

        var campaign = await LoadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var (preview, _) = await RenderForAsync(campaign, email.Trim(), cancellationToken).ConfigureAwait(false);
        return preview;
    }

    /// <summary>
    /// Sends one test mail of the campaign to <paramref name="to"/>, rendered as <see cref="PreviewAsync"/> renders it, with
    /// the subject marked <c>[TEST]</c>; nothing is recorded as sent to anyone. The history notes <c>test-sent</c> by
    /// <paramref name="actor"/> without the address.
    /// </summary>
    /// <exception cref="InvalidFieldException"><c>to</c> is not an address.</exception>
    /// <exception cref="MailSendException">The mail provider did not take the mail.</exception>
    public async Task SendTestAsync(string campaignId, string to, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!EmailAddresses.IsValid(to))
        {
            throw new InvalidFieldException("to", "to is not a valid e-mail address.");
        }

        var address = to.Trim();
        var campaign = await LoadAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var (preview, recipient) = await RenderForAsync(campaign, address, cancellationToken).ConfigureAwait(false);
        var district = districts.GetRequired(campaign.District);
        await mail.SendAsync(
            new OutgoingMail
            {
                From = new EmailAddress(district.Sender.Email, district.Sender.Name),
                ReplyTo = string.IsNullOrWhiteSpace(district.ReplyTo) ? null : new EmailAddress(district.ReplyTo),
                To = new EmailAddress(address, recipient.Name),
                Subject = "[TEST] " + preview.Subject,
                TextBody = preview.Text,
                HtmlBody = preview.Html,
                // A fresh key each time: a test is never a delivery of the campaign and never blocks one.
                DeliveryKey = $"test:{campaign.Id}:{Guid.NewGuid():N}",
                Categories = ["test", district.Code],
                UnsubscribeUrl = recipient.UnsubscribeUrl,
            },
            cancellationToken).ConfigureAwait(false);
        LogTestSent(logger, campaign.Id);
        await RecordTestAsync(campaign, actor, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(CampaignPreview Preview, Recipient Recipient)> RenderForAsync(Campaign campaign, string email, CancellationToken cancellationToken)
    {
        var district = districts.GetRequired(campaign.District);
        var (name, membership, inAudience) = await FindRecipientAsync(campaign, email, cancellationToken).ConfigureAwait(false);
        var variant = CampaignVariant.For(campaign.Content, membership);
        var rendered = renderer.Render(district, campaign, variant);
        var unsubscribe = tokens.CreateLink(district.Code, email, campaign.Category);
        var values = RecipientTags.Substitutions(name, unsubscribe);
        var preview = new CampaignPreview(rendered.Subject, RecipientTags.Fill(rendered.Html, values), RecipientTags.Fill(rendered.Text, values), inAudience);
        return (preview, new Recipient(inAudience ? name : null, unsubscribe));
    }

    private async Task<(string Name, MembershipStatus Membership, bool InAudience)> FindRecipientAsync(Campaign campaign, string email, CancellationToken cancellationToken)
    {
        var hash = EmailAddresses.Hash(email);
        Leader? known = null;
        if (campaign.Audience.Segment is { } segment)
        {
            var found = await leaders.ListAsync(campaign.District, new LeaderFilter { EmailHash = hash }, cancellationToken).ConfigureAwait(false);
            var inSegment = found.FirstOrDefault(leader => Matches(segment, leader));
            if (inSegment is not null)
            {
                return (inSegment.Name, inSegment.Membership, true);
            }

            known = found.Count > 0 ? found[0] : null;
        }

        foreach (var listId in campaign.Audience.ListIds)
        {
            if (await lists.FindEntryAsync(listId, hash, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                return (entry.Name, MembershipStatus.Unknown, true);
            }
        }

        // A leader of the district outside the segment: shown as they are, but not in the audience.
        return known is null ? (UnknownRecipientName, MembershipStatus.Unknown, false) : (known.Name, known.Membership, false);
    }

    // The segment's conditions as the planner applies them: each condition set must hold; an empty one matches all.
    private static bool Matches(LeaderSegment segment, Leader leader) =>
        (segment.Municipalities is not { Count: > 0 } municipalities || municipalities.Contains(leader.Municipality ?? "", StringComparer.OrdinalIgnoreCase))
        && (segment.Membership is not { Count: > 0 } membership || membership.Contains(leader.Membership))
        && (segment.States is not { Count: > 0 } states || states.Contains(leader.State))
        && (segment.HiredFrom is not { } from || (leader.HireDate is { } hiredOn && hiredOn >= from))
        && (segment.HiredTo is not { } to || (leader.HireDate is { } hired && hired <= to));

    private async Task RecordTestAsync(Campaign campaign, string actor, CancellationToken cancellationToken)
    {
        // The mail is out; only the history note can still lose a race with another change. Read again and retry a
        // few times, and never fail the request for it: the test was sent.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            campaign.Record(time.GetUtcNow(), actor, "test-sent");
            try
            {
                await campaigns.UpdateAsync(campaign, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (ConcurrencyConflictException) when (attempt < 3)
            {
                campaign = await LoadAsync(campaign.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException exception)
            {
                LogTestNotRecorded(logger, campaign.Id, exception);
            }
        }
    }

    private async Task<Campaign> LoadAsync(string campaignId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(campaignId))
        {
            throw new CampaignNotFoundException();
        }

        return await campaigns.GetAsync(campaignId, cancellationToken).ConfigureAwait(false)
            ?? throw new CampaignNotFoundException($"There is no campaign {campaignId}.");
    }

    private static string NewId()
    {
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        Span<char> id = stackalloc char[14];
        id[0] = 'c';
        id[1] = '-';
        for (var i = 0; i < random.Length; i++)
        {
            id[i + 2] = IdAlphabet[random[i] & 31];
        }

        return new string(id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} created in district {District}")]
    private static partial void LogCreated(ILogger logger, string campaignId, string district);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} {Action}; now {Status}")]
    private static partial void LogChanged(ILogger logger, string campaignId, string action, CampaignStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Campaign {CampaignId} is still planning; its planning was queued again")]
    private static partial void LogPlanQueuedAgain(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Test mail of campaign {CampaignId} sent")]
    private static partial void LogTestSent(ILogger logger, string campaignId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Test mail of campaign {CampaignId} was sent but its history note lost a race three times")]
    private static partial void LogTestNotRecorded(ILogger logger, string campaignId, Exception exception);

    private sealed record Recipient(string? Name, Uri UnsubscribeUrl);
}
