using System.Globalization;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;

namespace Outreach.Core.Operations;

/// <summary>
/// The letters whose outcome is unknown (DESIGN §5: never silently repeated or dropped): staff list them, check SendGrid's
/// activity, and resolve each as sent (the leader moves on as a sent letter would move them) or not sent (the claim is
/// released and the letter queued again). Every resolution is an event in the leader's history naming the staff member.
/// </summary>
public sealed class DeliveryOperations
{
    /// <summary>The most unknown outcomes listed at once.</summary>
    public const int MaxListed = 1000;

    /// <summary>The longest note kept with a resolution.</summary>
    public const int MaxNoteLength = 1000;

    private readonly IDeliveryRepository deliveries;
    private readonly ILeaderRepository leaders;
    private readonly ILetterQueue queue;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;

    internal DeliveryOperations(IDeliveryRepository deliveries, ILeaderRepository leaders, ILetterQueue queue, IDistrictCatalog districts, TimeProvider time)
    {
        this.deliveries = deliveries;
        this.leaders = leaders;
        this.queue = queue;
        this.districts = districts;
        this.time = time;
    }

    /// <summary>The unknown outcomes of one district (its code in any case) or, when null, of all; oldest first.</summary>
    public async Task<IReadOnlyList<UnknownDelivery>> ListUnknownAsync(string? district, CancellationToken cancellationToken = default)
    {
        string? code = null;
        if (district is not null)
        {
            if (districts.Find(district) is not { } known)
            {
                return [];
            }

            code = known.Code;
        }

        var found = await deliveries.ListOutcomeUnknownAsync(code, MaxListed, cancellationToken);
        var listed = new List<UnknownDelivery>(found.Count);
        foreach (var delivery in found.OrderBy(d => d.ClaimedAt))
        {
            var leader = await leaders.GetAsync(delivery.District, delivery.LeaderId, cancellationToken);
            listed.Add(new UnknownDelivery(delivery.District, delivery.LeaderId, delivery.Kind, delivery.DeliveryKey, leader?.Email, delivery.ClaimedAt, delivery.Detail));
        }

        return listed;
    }

    /// <summary>
    /// Resolves the unknown outcome of letter <paramref name="kind"/> to <paramref name="leaderId"/>. Only an
    /// <see cref="DeliveryStatus.OutcomeUnknown"/> delivery is resolved; anything else is left as it is.
    /// </summary>
    /// <exception cref="InvalidFieldException">The actor or note is empty or too long; nothing was changed.</exception>
    public async Task<ResolveOutcome> ResolveAsync(string leaderId, string kind, DeliveryResolution resolution, string actor, string note, CancellationToken cancellationToken = default)
    {
        InvalidFieldException.ThrowIfEmptyOrLongerThan(note, MaxNoteLength, "note");
        InvalidFieldException.ThrowIfEmptyOrLongerThan(actor, LeaderEvent.MaxActorLength, "actor");
        var delivery = await deliveries.GetAsync(leaderId, kind, cancellationToken);
        if (delivery is null)
        {
            return ResolveOutcome.NotFound;
        }

        if (delivery.Status != DeliveryStatus.OutcomeUnknown)
        {
            return ResolveOutcome.NotOutcomeUnknown;
        }

        var request = RequestFor(delivery);
        var leader = await leaders.GetAsync(delivery.District, delivery.LeaderId, cancellationToken);
        var now = time.GetUtcNow();
        note = note.Trim();
        if (resolution == DeliveryResolution.Sent)
        {
            delivery.Status = DeliveryStatus.Sent;
            delivery.SentAt = now;
            delivery.Detail = Truncate($"Resolved as sent by {actor} after checking SendGrid's activity: {note}", Delivery.MaxDetailLength);
            // Conditional: if the letter's outcome changed since it was read (another resolution), this one is refused.
            if (!await deliveries.TryUpdateAsync(delivery, cancellationToken))
            {
                return ResolveOutcome.NotOutcomeUnknown;
            }

            if (leader is not null)
            {
                await RecordAsync(leader, request, actor, $"The {kind} letter's outcome was unknown; {actor} found in SendGrid's activity that it was sent: {note}", now, cancellationToken);
            }

            return ResolveOutcome.Resolved;
        }

        // The resolution is written conditionally first, so that of two staff members resolving at once only one wins.
        // Released next, then queued: the next attempt finds no claim and sends. Should queueing fail, the letter is
        // still not lost: discovery queues the welcome of every leader left Discovered, and the sweep finds due follow-ups.
        delivery.Detail = Truncate($"Resolved as not sent by {actor} after checking SendGrid's activity: {note}", Delivery.MaxDetailLength);
        if (!await deliveries.TryUpdateAsync(delivery, cancellationToken))
        {
            return ResolveOutcome.NotOutcomeUnknown;
        }

        await deliveries.ReleaseAsync(delivery, cancellationToken);
        if (leader is not null)
        {
            var change = LeaderEvent.Create(now, leader.State, leader.State, actor, Truncate($"The {kind} letter's outcome was unknown; {actor} found in SendGrid's activity that it was not sent, so it is queued again: {note}"));
            await leaders.UpdateAsync(leader, change, cancellationToken);
        }

        await RequeueAsync(delivery, cancellationToken);
        return ResolveOutcome.Resolved;
    }

    // The leader moves on as the sent letter would have moved them, with the staff member as the actor; a leader who has
    // moved on since (joined, declined) keeps their state and gets the event only.
    private async Task RecordAsync(Leader leader, LetterRequest? request, string actor, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        LeaderEvent change;
        if (request is not null && request.Ineligible(leader) is null && request.NeedsRecording(leader))
        {
            var sent = request.RecordSent(leader, false, now);
            change = LeaderEvent.Create(sent.At, sent.From, sent.To, actor, Truncate(sent.Reason + ". " + reason));
        }
        else
        {
            change = LeaderEvent.Create(now, leader.State, leader.State, actor, Truncate(reason));
        }

        await leaders.UpdateAsync(leader, change, cancellationToken);
    }

    private Task RequeueAsync(Delivery delivery, CancellationToken cancellationToken) =>
        FollowUpNumber(delivery.Kind) is { } number
            ? queue.EnqueueFollowUpsAsync([new FollowUpWorkItem(delivery.District, delivery.LeaderId, number)], cancellationToken)
            : delivery.Kind == "welcome"
                ? queue.EnqueueWelcomesAsync([new WelcomeWorkItem(delivery.District, delivery.LeaderId)], cancellationToken)
                : Task.CompletedTask;

    private static LetterRequest? RequestFor(Delivery delivery) =>
        FollowUpNumber(delivery.Kind) is { } number
            ? FollowUpService.Request(new FollowUpWorkItem(delivery.District, delivery.LeaderId, number))
            : delivery.Kind == "welcome"
                ? WelcomeService.Request(new WelcomeWorkItem(delivery.District, delivery.LeaderId))
                : null;

    private static int? FollowUpNumber(string kind) =>
        kind.StartsWith("followup", StringComparison.Ordinal) && int.TryParse(kind.AsSpan("followup".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is 1 or 2
            ? number
            : null;

    private static string Truncate(string text, int max = LeaderEvent.MaxReasonLength) => text.Length <= max ? text : text[..max];
}
