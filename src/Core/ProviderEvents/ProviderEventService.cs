using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.OptOuts;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.ProviderEvents;

/// <summary>
/// SendGrid's Event Webhook: verifies a request, then applies each event once. Delivery events update the delivery;
/// a hard bounce or a drop for an invalid address suppresses the address and makes the person's leaders Undeliverable;
/// a spam report opts the person out of everything, an unsubscribe out of the mail's category; opens and clicks are
/// counted (and kept per person only where the district says so). Every event is counted per district, day and type.
/// </summary>
/// <remarks>
/// An event is applied and then marked as processed, so a failure in between applies it again on SendGrid's retry: every
/// effect is idempotent, only the counters may count such an event twice.
/// </remarks>
public sealed partial class ProviderEventService
{
    /// <summary>Who the leader history and the suppression list name as the cause.</summary>
    public const string Actor = "sendgrid";

    /// <summary>The counter district of events that name no delivery of ours.</summary>
    public const string NoDistrict = "none";

    private const int MaxDeliveryKeyLength = 300;
    private const int UpdateAttempts = 5;

    private static readonly HashSet<string> KnownEvents = new(StringComparer.Ordinal)
    {
        "processed", "dropped", "delivered", "deferred", "bounce", "open", "click", "spamreport", "unsubscribe", "group_unsubscribe", "group_resubscribe",
    };

    private readonly WebhookSignatureVerifier verifier;
    private readonly IProcessedEventStore processed;
    private readonly IProviderEventCounters counters;
    private readonly IDeliveryRepository deliveries;
    private readonly ILeaderRepository leaders;
    private readonly ISuppressionList suppressions;
    private readonly OptOutService optOuts;
    private readonly IDistrictCatalog districts;
    private readonly TimeProvider time;
    private readonly ILogger<ProviderEventService> logger;

    internal ProviderEventService(
        WebhookSignatureVerifier verifier,
        IProcessedEventStore processed,
        IProviderEventCounters counters,
        IDeliveryRepository deliveries,
        ILeaderRepository leaders,
        ISuppressionList suppressions,
        OptOutService optOuts,
        IDistrictCatalog districts,
        TimeProvider time,
        ILogger<ProviderEventService> logger)
    {
        this.verifier = verifier;
        this.processed = processed;
        this.counters = counters;
        this.deliveries = deliveries;
        this.leaders = leaders;
        this.suppressions = suppressions;
        this.optOuts = optOuts;
        this.districts = districts;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Verifies one webhook request (its signature and timestamp headers and raw body) and applies its events. A refused,
    /// malformed or oversized request changes nothing; a storage failure throws, so that SendGrid retries the batch.
    /// </summary>
    public async Task<WebhookReceipt> ReceiveAsync(string? signature, string? timestamp, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        var check = verifier.Check(signature, timestamp, body.Span);
        if (check != SignatureCheck.Valid)
        {
            LogRefused(logger, check, body.Length);
            return new WebhookReceipt(check == SignatureCheck.TooLarge ? WebhookStatus.TooLarge : WebhookStatus.Refused, check);
        }

        List<ProviderEvent>? events;
        try
        {
            events = JsonSerializer.Deserialize(body.Span, ProviderEventJsonContext.Default.ListProviderEvent);
        }
        catch (JsonException)
        {
            events = null;
        }

        if (events is null || events.Any(e => e is null))
        {
            LogMalformed(logger, body.Length);
            return new WebhookReceipt(WebhookStatus.Malformed, check);
        }

        return await ApplyAsync(events, cancellationToken).ConfigureAwait(false);
    }

    internal async Task<WebhookReceipt> ApplyAsync(IReadOnlyList<ProviderEvent> events, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string District, DateOnly Day, string Type), int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var applied = new List<string>();
        int duplicates = 0, unknown = 0;
        foreach (var providerEvent in events)
        {
            var key = EventKey(providerEvent);
            if (!seen.Add(key) || await processed.HasAsync(key, cancellationToken).ConfigureAwait(false))
            {
                duplicates++;
                continue;
            }

            var type = providerEvent.Event is { } name && KnownEvents.Contains(name) ? name : "unknown";
            unknown += type == "unknown" ? 1 : 0;
            var at = providerEvent.Timestamp is { } seconds && seconds >= 0 && seconds < 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : time.GetUtcNow();
            var delivery = await DeliveryOfAsync(providerEvent.DeliveryKey, cancellationToken).ConfigureAwait(false);
            await ApplyAsync(providerEvent, type, at, delivery, cancellationToken).ConfigureAwait(false);

            var counter = (delivery?.District ?? NoDistrict, CopenhagenTime.DateAt(at), type);
            counts[counter] = counts.GetValueOrDefault(counter) + 1;
            applied.Add(key);
        }

        foreach (var ((district, day, type), count) in counts)
        {
            await counters.AddAsync(district, day, type, count, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in applied)
        {
            await processed.TryAddAsync(key, cancellationToken).ConfigureAwait(false);
        }

        LogApplied(logger, applied.Count, duplicates, unknown);
        return new WebhookReceipt(WebhookStatus.Applied, SignatureCheck.Valid, applied.Count, duplicates, unknown);
    }

    private async Task ApplyAsync(ProviderEvent providerEvent, string type, DateTimeOffset at, Delivery? delivery, CancellationToken cancellationToken)
    {
        var email = EmailAddresses.IsValid(providerEvent.Email) ? providerEvent.Email!.Trim() : null;
        switch (type)
        {
            case "delivered" or "deferred":
                await UpdateDeliveryAsync(delivery, d => SetStatus(d, type, at), cancellationToken).ConfigureAwait(false);
                break;
            case "bounce":
                var blocked = string.Equals(providerEvent.Type, "blocked", StringComparison.OrdinalIgnoreCase);
                await UpdateDeliveryAsync(delivery, d => SetStatus(d, blocked ? "blocked" : "bounce", at), cancellationToken).ConfigureAwait(false);
                if (!blocked && email is not null)
                {
                    await MakeUndeliverableAsync(email, delivery, "Hard bounce" + StatusSuffix(providerEvent.Status), cancellationToken).ConfigureAwait(false);
                }

                break;
            case "dropped":
                await UpdateDeliveryAsync(delivery, d => SetStatus(d, "dropped", at), cancellationToken).ConfigureAwait(false);
                if (email is not null && providerEvent.Reason?.Trim() is { } reason
                    && (reason.Equals("Bounced Address", StringComparison.OrdinalIgnoreCase) || reason.Equals("Invalid", StringComparison.OrdinalIgnoreCase)))
                {
                    await MakeUndeliverableAsync(email, delivery, "Dropped: " + reason, cancellationToken).ConfigureAwait(false);
                }

                break;
            case "spamreport" when email is not null:
                await optOuts.RecordAsync(DistrictsOf(delivery), EmailAddresses.Hash(email), OptOutCategory.All, Actor, "Reported a letter as spam", cancellationToken).ConfigureAwait(false);
                break;
            case "unsubscribe" or "group_unsubscribe" when email is not null:
                var category = CategoryOf(providerEvent, delivery);
                await optOuts.RecordAsync(DistrictsOf(delivery), EmailAddresses.Hash(email), category, Actor, "Unsubscribed through the mail provider", cancellationToken).ConfigureAwait(false);
                break;
            case "open" or "click" when delivery is not null && districts.Find(delivery.District) is { StoreEngagementPerPerson: true }:
                await UpdateDeliveryAsync(delivery, d => type == "open" ? SetFirst(() => d.OpenedAt, v => d.OpenedAt = v, at) : SetFirst(() => d.ClickedAt, v => d.ClickedAt = v, at), cancellationToken).ConfigureAwait(false);
                break;
            default:
                // Counted only: processed, group_resubscribe, engagement of districts that keep none, unknown types.
                break;
        }
    }

    private async Task MakeUndeliverableAsync(string email, Delivery? delivery, string reason, CancellationToken cancellationToken)
    {
        await suppressions.SuppressAsync(email, reason, Actor, cancellationToken).ConfigureAwait(false);
        var hash = EmailAddresses.Hash(email);
        foreach (var district in DistrictsOf(delivery))
        {
            var matching = await leaders.ListAsync(district, new LeaderFilter { EmailHash = hash }, cancellationToken).ConfigureAwait(false);
            foreach (var leader in matching.Where(l => l.State is LeaderState.Discovered or LeaderState.Welcomed or LeaderState.FollowedUp))
            {
                await leaders.UpdateAsync(leader, leader.MoveTo(LeaderState.Undeliverable, Actor, reason, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    // The delivery's district, or every district when the mail was not one of our deliveries.
    private IReadOnlyList<string> DistrictsOf(Delivery? delivery) =>
        delivery is not null ? [delivery.District] : [.. districts.All.Select(d => d.Code)];

    private async Task<Delivery?> DeliveryOfAsync(string? deliveryKey, CancellationToken cancellationToken)
    {
        // {kind}:{leaderId}; leader ids have no colon, so a kind may have one. Anything that cannot be a key is no delivery of ours.
        if (string.IsNullOrEmpty(deliveryKey) || deliveryKey.Length > MaxDeliveryKeyLength || deliveryKey.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?'))
        {
            return null;
        }

        var colon = deliveryKey.LastIndexOf(':');
        if (colon <= 0 || colon == deliveryKey.Length - 1)
        {
            return null;
        }

        return await deliveries.GetAsync(deliveryKey[(colon + 1)..], deliveryKey[..colon], cancellationToken).ConfigureAwait(false);
    }

    // Reads again and retries when a letter's own write (or another event) changed the delivery meanwhile.
    private async Task UpdateDeliveryAsync(Delivery? found, Func<Delivery, bool> change, CancellationToken cancellationToken)
    {
        if (found is null)
        {
            return;
        }

        var delivery = found;
        for (var attempt = 0; attempt < UpdateAttempts; attempt++)
        {
            if (!change(delivery) || await deliveries.TryUpdateAsync(delivery, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (await deliveries.GetAsync(found.LeaderId, found.Kind, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return;
            }

            delivery = current;
        }

        throw new ConcurrencyConflictException($"The delivery {found.DeliveryKey} kept changing; the provider event is left for SendGrid's retry.");
    }

    // A later status wins; an event older than the recorded one (SendGrid does not keep order) changes nothing.
    private static bool SetStatus(Delivery delivery, string status, DateTimeOffset at)
    {
        if (delivery.ProviderStatusAt is { } recorded && recorded > at)
        {
            return false;
        }

        delivery.ProviderStatus = status;
        delivery.ProviderStatusAt = at;
        return true;
    }

    private static bool SetFirst(Func<DateTimeOffset?> get, Action<DateTimeOffset> set, DateTimeOffset at)
    {
        if (get() is { } first && first <= at)
        {
            return false;
        }

        set(at);
        return true;
    }

    // The category the mail was sent in; a mail of ours without one is outreach, a stranger's opts out of everything.
    private static OptOutCategory CategoryOf(ProviderEvent providerEvent, Delivery? delivery)
    {
        var categories = providerEvent.Category switch
        {
            { ValueKind: JsonValueKind.String } single => [single.GetString() ?? ""],
            { ValueKind: JsonValueKind.Array } many => many.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.String).Select(c => c.GetString() ?? "").ToList(),
            _ => new List<string>(),
        };
        return categories.Contains("newsletter", StringComparer.OrdinalIgnoreCase) ? OptOutCategory.Newsletter
            : categories.Contains("campaigns", StringComparer.OrdinalIgnoreCase) ? OptOutCategory.Campaigns
            : categories.Contains("outreach", StringComparer.OrdinalIgnoreCase) || delivery is not null ? OptOutCategory.Outreach
            : OptOutCategory.All;
    }

    private static string StatusSuffix(string? status) =>
        status is { Length: > 0 and <= 20 } && status.All(c => char.IsAsciiDigit(c) || c == '.') ? " (status " + status + ")" : "";

    // sg_event_id when present; otherwise what identifies the event without it (the reference notes retries without one).
    private static string EventKey(ProviderEvent providerEvent) =>
        !string.IsNullOrEmpty(providerEvent.EventId)
            ? "id:" + providerEvent.EventId
            : "m:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
                $"{providerEvent.MessageId}\n{providerEvent.Event}\n{providerEvent.Timestamp}\n{providerEvent.Email}\n{providerEvent.DeliveryKey}")));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a provider event webhook request ({Check}, {Bytes} bytes)")]
    private static partial void LogRefused(ILogger logger, SignatureCheck check, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A signed provider event webhook body of {Bytes} bytes is not an array of events")]
    private static partial void LogMalformed(ILogger logger, int bytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Applied} provider events; {Duplicates} duplicates skipped, {Unknown} of unknown types counted")]
    private static partial void LogApplied(ILogger logger, int applied, int duplicates, int unknown);
}
