using Outreach.Core.Letters;

namespace Outreach.Core.Privacy;

/// <summary>One letter to the person as held in the deliveries table, with what the mail provider reported about it.</summary>
public sealed record DeliveryExport(
    string Kind,
    string District,
    string Status,
    DateTimeOffset ClaimedAt,
    DateTimeOffset? SentAt,
    string? Template,
    string? Detail,
    string? ProviderStatus,
    DateTimeOffset? ProviderStatusAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? ClickedAt)
{
    internal static DeliveryExport From(Delivery delivery) => new(
        delivery.Kind,
        delivery.District,
        delivery.Status.ToString(),
        delivery.ClaimedAt,
        delivery.SentAt,
        delivery.Template,
        delivery.Detail,
        delivery.ProviderStatus,
        delivery.ProviderStatusAt,
        delivery.OpenedAt,
        delivery.ClickedAt);
}
