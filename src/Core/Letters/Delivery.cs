namespace Outreach.Core.Letters;

/// <summary>One letter to one leader (kind <c>welcome</c>, <c>followup1</c>, ...): claimed before it is sent, then its outcome.</summary>
internal sealed class Delivery
{
    /// <summary>The longest detail kept (a provider's error text is cut to this).</summary>
    public const int MaxDetailLength = 1000;

    public required string LeaderId { get; init; }

    public required string Kind { get; init; }

    public required string District { get; init; }

    public DeliveryStatus Status { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? Template { get; set; }

    public string? Detail { get; set; }

    /// <summary>The mail provider's latest word on the letter (<c>delivered</c>, <c>deferred</c>, <c>bounce</c>, <c>blocked</c>, <c>dropped</c>).</summary>
    public string? ProviderStatus { get; set; }

    /// <summary>When the provider reported <see cref="ProviderStatus"/> (the event's time, so a late event never overwrites a newer one).</summary>
    public DateTimeOffset? ProviderStatusAt { get; set; }

    /// <summary>First open; kept only for districts that store engagement per person.</summary>
    public DateTimeOffset? OpenedAt { get; set; }

    /// <summary>First click; kept only for districts that store engagement per person.</summary>
    public DateTimeOffset? ClickedAt { get; set; }

    /// <summary>The stored version this copy was read at (opaque), or null for a new claim.</summary>
    public string? Version { get; set; }

    /// <summary>The key that travels with the mail (SendGrid custom_args) and comes back in provider events.</summary>
    public string DeliveryKey => Kind + ":" + LeaderId;
}
