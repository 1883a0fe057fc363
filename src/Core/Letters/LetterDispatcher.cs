using Microsoft.Extensions.Logging;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.OptOuts;
using Outreach.Core.PrintLetters;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Letters;

/// <summary>
/// Sends one personal letter exactly once: re-checks the leader at send time, claims the delivery in Table Storage
/// (the insert is the lock), renders, sends, and records the outcome. A redelivered work item finds the claim and does
/// not send again; a claim left without a recorded send (a crash in between) is reported as outcome unknown, never
/// resent blindly.
/// </summary>
internal sealed partial class LetterDispatcher
{
    private readonly ILeaderRepository leaders;
    private readonly IDeliveryRepository deliveries;
    private readonly ISuppressionList suppressions;
    private readonly IOptOutRepository optOuts;
    private readonly IDistrictCatalog districts;
    private readonly ILetterRenderer renderer;
    private readonly IMailSender mail;
    private readonly IPrintLetterWriter print;
    private readonly IUnsubscribeTokens tokens;
    private readonly TimeProvider time;
    private readonly ILogger<LetterDispatcher> logger;

    public LetterDispatcher(
        ILeaderRepository leaders,
        IDeliveryRepository deliveries,
        ISuppressionList suppressions,
        IOptOutRepository optOuts,
        IDistrictCatalog districts,
        ILetterRenderer renderer,
        IMailSender mail,
        IPrintLetterWriter print,
        IUnsubscribeTokens tokens,
        TimeProvider time,
        ILogger<LetterDispatcher> logger)
    {
        this.print = print;
        this.leaders = leaders;
        this.deliveries = deliveries;
        this.suppressions = suppressions;
        this.optOuts = optOuts;
        this.districts = districts;
        this.renderer = renderer;
        this.mail = mail;
        this.tokens = tokens;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Today's date where the letters are read.</summary>
    public DateOnly Today => CopenhagenTime.Today(time);

    /// <summary>The current time (for the requests' records of what was sent when).</summary>
    public DateTimeOffset Now => time.GetUtcNow();

    public async Task<LetterOutcome> SendAsync(LetterRequest request, CancellationToken cancellationToken)
    {
        var district = districts.Find(request.District);
        var leader = district is null ? null : await leaders.GetAsync(district.Code, request.LeaderId, cancellationToken);
        if (district is null || leader is null)
        {
            LogUnknownLeader(logger, request.Kind, request.District, request.LeaderId);
            return LetterOutcome.Skipped;
        }

        var previous = await deliveries.GetAsync(leader.LeaderId, request.Kind, cancellationToken);
        if (previous is not null)
        {
            return await ResolveExistingAsync(request, leader, previous, cancellationToken);
        }

        if (await SkipReasonAsync(request, district, leader, cancellationToken) is { } skipReason)
        {
            LogSkipped(logger, request.Kind, leader.LeaderId, skipReason);
            return LetterOutcome.Skipped;
        }

        var template = request.Template(leader);
        var (claimed, delivery) = await deliveries.ClaimAsync(
            new Delivery { LeaderId = leader.LeaderId, Kind = request.Kind, District = leader.District, Status = DeliveryStatus.Claimed, ClaimedAt = time.GetUtcNow(), Template = template },
            cancellationToken);
        if (!claimed)
        {
            return await ResolveExistingAsync(request, leader, delivery, cancellationToken);
        }

        OutgoingMail letter;
        try
        {
            letter = Compose(district, leader, request, template, delivery.DeliveryKey);
        }
        catch
        {
            // Nothing went out: give the claim back so that a fixed template can be retried.
            await deliveries.ReleaseAsync(delivery, cancellationToken);
            throw;
        }

        if (NeedsPost(district, leader))
        {
            return await SendByPostAsync(request, leader, letter, delivery);
        }

        MailSendResult result;
        try
        {
            result = await mail.SendAsync(letter, cancellationToken);
        }
        catch (MailNotSentException)
        {
            await deliveries.ReleaseAsync(delivery, CancellationToken.None);
            throw;
        }
        catch (MailRejectedException exception)
        {
            delivery.Status = DeliveryStatus.Rejected;
            delivery.Detail = Truncate(string.Join("; ", exception.Errors));
            await deliveries.SaveAsync(delivery, CancellationToken.None);
            LogRejected(logger, request.Kind, leader.LeaderId, exception.Status, exception);
            return LetterOutcome.Skipped;
        }
        catch (MailOutcomeUnknownException exception)
        {
            delivery.Status = DeliveryStatus.OutcomeUnknown;
            delivery.Detail = Truncate(exception.Message);
            await deliveries.SaveAsync(delivery, CancellationToken.None);
            LogOutcomeUnknown(logger, request.Kind, leader.LeaderId, exception);
            return LetterOutcome.OutcomeUnknown;
        }

        // From here on the letter is out: record it even if the caller gives up waiting.
        delivery.Status = DeliveryStatus.Sent;
        delivery.SentAt = time.GetUtcNow();
        delivery.ProviderMessageId = result.ProviderMessageId;
        await deliveries.SaveAsync(delivery, CancellationToken.None);
        await RecordSentAsync(request, leader, byPost: false, CancellationToken.None);
        LogSent(logger, request.Kind, leader.LeaderId, template);
        return LetterOutcome.Sent;
    }

    private async Task<LetterOutcome> ResolveExistingAsync(LetterRequest request, Leader leader, Delivery delivery, CancellationToken cancellationToken)
    {
        switch (delivery.Status)
        {
            case DeliveryStatus.Sent:
                if (request.NeedsRecording(leader))
                {
                    // The letter went out but the leader was not moved on (a crash after recording the delivery).
                    await RecordSentAsync(request, leader, delivery.ProviderMessageId?.StartsWith("print:", StringComparison.Ordinal) == true, cancellationToken);
                }

                return LetterOutcome.AlreadySent;
            case DeliveryStatus.Claimed:
                // Claimed and never recorded: an earlier attempt died between claiming and recording, or a duplicate
                // work item is being sent right now. The letter may or may not have gone out; sending again could mean
                // two letters, so it is left for staff to check. An attempt that is still alive corrects this mark:
                // it records Sent over it, or releases the claim when nothing went out.
                // The mark is conditional: if the live attempt recorded its outcome since this copy was read, that
                // outcome stands and is resolved instead.
                delivery.Status = DeliveryStatus.OutcomeUnknown;
                delivery.Detail = "An earlier attempt stopped after claiming the letter and before recording the send.";
                if (!await deliveries.TryUpdateAsync(delivery, cancellationToken))
                {
                    return await deliveries.GetAsync(leader.LeaderId, request.Kind, cancellationToken) is { Status: not DeliveryStatus.Claimed } recorded
                        ? await ResolveExistingAsync(request, leader, recorded, cancellationToken)
                        : LetterOutcome.OutcomeUnknown;
                }

                LogOutcomeUnknown(logger, request.Kind, leader.LeaderId, null);
                return LetterOutcome.OutcomeUnknown;
            case DeliveryStatus.OutcomeUnknown:
                return LetterOutcome.OutcomeUnknown;
            default:
                return LetterOutcome.Skipped;
        }
    }

    private async Task<string?> SkipReasonAsync(LetterRequest request, DistrictOptions district, Leader leader, CancellationToken cancellationToken)
    {
        if (request.Ineligible(leader) is { } reason)
        {
            return reason;
        }

        if (await suppressions.ReasonAsync(leader.Email, cancellationToken) is { } suppression)
        {
            await leaders.UpdateAsync(leader, leader.MoveTo(LeaderState.Undeliverable, "system", Truncate("The address is suppressed: " + suppression), time.GetUtcNow()), cancellationToken);
            return "suppressed";
        }

        if (await optOuts.HasOptedOutAsync(EmailAddresses.Hash(leader.Email), OptOutCategory.Outreach, cancellationToken))
        {
            await leaders.UpdateAsync(leader, leader.MoveTo(LeaderState.OptedOut, "system", "Opted out of outreach letters", time.GetUtcNow()), cancellationToken);
            return "opted out";
        }

        return null;
    }

    /// <summary>A district may require consent before e-mailing non-members; they are written to by post instead.</summary>
    private static bool NeedsPost(DistrictOptions district, Leader leader) =>
        district.RequireConsentForNonMembers && leader.Membership != MembershipStatus.Member && leader.LawfulBasis != LawfulBasis.Consent;

    private async Task<LetterOutcome> SendByPostAsync(LetterRequest request, Leader leader, OutgoingMail letter, Delivery delivery)
    {
        string reference;
        try
        {
            reference = await print.WriteAsync(new PrintLetter(leader.District, leader.LeaderId, request.Kind, leader.Name, leader.Workplace, leader.Municipality, letter.Subject, letter.HtmlBody));
        }
        catch
        {
            await deliveries.ReleaseAsync(delivery, CancellationToken.None);
            throw;
        }

        delivery.Status = DeliveryStatus.Sent;
        delivery.SentAt = time.GetUtcNow();
        delivery.ProviderMessageId = reference;
        delivery.Detail = "Print letter for the post: the district requires consent before e-mailing non-members.";
        await deliveries.SaveAsync(delivery, CancellationToken.None);
        await RecordSentAsync(request, leader, byPost: true, CancellationToken.None);
        LogPrinted(logger, request.Kind, leader.LeaderId);
        return LetterOutcome.PrintLetterProduced;
    }

    // The leader moves on with the event that says why, in one write.
    private Task RecordSentAsync(LetterRequest request, Leader leader, bool byPost, CancellationToken cancellationToken) =>
        leaders.UpdateAsync(leader, request.RecordSent(leader, byPost, time.GetUtcNow()), cancellationToken);

    private OutgoingMail Compose(DistrictOptions district, Leader leader, LetterRequest request, string template, string deliveryKey)
    {
        var unsubscribe = tokens.CreateLink(district.Code, leader.Email, OptOutCategory.Outreach);
        var rendered = renderer.Render(district, template, new LetterModel
        {
            RecipientName = leader.Name,
            RecipientEmail = leader.Email,
            JobTitle = leader.JobTitle,
            Workplace = leader.Workplace,
            Municipality = leader.Municipality,
            HireDate = leader.HireDate,
            LetterDate = Today,
            UnsubscribeUrl = unsubscribe,
            FollowUpNumber = request.FollowUpNumber,
        });
        return new OutgoingMail
        {
            From = new EmailAddress(district.Sender.Email, district.Sender.Name),
            ReplyTo = string.IsNullOrWhiteSpace(district.ReplyTo) ? null : new EmailAddress(district.ReplyTo),
            To = new EmailAddress(leader.Email, leader.Name),
            Subject = rendered.Subject,
            TextBody = rendered.Text,
            HtmlBody = rendered.Html,
            DeliveryKey = deliveryKey,
            Categories = ["outreach", request.Category, district.Code],
            UnsubscribeUrl = unsubscribe,
        };
    }

    private static string Truncate(string text) => text.Length <= Delivery.MaxDetailLength ? text : text[..Delivery.MaxDetailLength];

    [LoggerMessage(Level = LogLevel.Warning, Message = "No {Kind} letter: district {District} or leader {LeaderId} is unknown")]
    private static partial void LogUnknownLeader(ILogger logger, string kind, string district, string leaderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No {Kind} letter to leader {LeaderId}: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string kind, string leaderId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Kind} letter ({Template}) to leader {LeaderId}")]
    private static partial void LogSent(ILogger logger, string kind, string leaderId, string template);

    [LoggerMessage(Level = LogLevel.Information, Message = "Produced the {Kind} letter to leader {LeaderId} as a print letter for the post")]
    private static partial void LogPrinted(ILogger logger, string kind, string leaderId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The mail provider refused the {Kind} letter to leader {LeaderId} ({Status})")]
    private static partial void LogRejected(ILogger logger, string kind, string leaderId, int status, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of the {Kind} letter to leader {LeaderId} is unknown; it is not resent")]
    private static partial void LogOutcomeUnknown(ILogger logger, string kind, string leaderId, Exception? exception);
}
