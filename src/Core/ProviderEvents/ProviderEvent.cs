using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Core.ProviderEvents;

/// <summary>
/// One event of SendGrid's Event Webhook, with the fields we act on; the others are ignored. Our custom arg
/// <c>delivery_key</c> comes back as a top-level field.
/// </summary>
internal sealed record ProviderEvent
{
    [JsonPropertyName("event")]
    public string? Event { get; init; }

    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("timestamp")]
    public long? Timestamp { get; init; }

    [JsonPropertyName("sg_event_id")]
    public string? EventId { get; init; }

    [JsonPropertyName("sg_message_id")]
    public string? MessageId { get; init; }

    /// <summary>On a bounce: <c>bounce</c> (hard) or <c>blocked</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>A string or an array of strings, as the mail was sent.</summary>
    [JsonPropertyName("category")]
    public JsonElement? Category { get; init; }

    [JsonPropertyName("delivery_key")]
    public string? DeliveryKey { get; init; }
}
