using Azure;
using Azure.Data.Tables;
using Outreach.Core.Letters;

namespace Outreach.Core.Storage;

/// <summary>One letter to one leader: partition = leader id, row = kind (<c>welcome</c>, <c>followup1</c>, ...).</summary>
internal sealed class DeliveryTableEntity : ITableEntity
{
    public string PartitionKey { get; set; } = "";

    public string RowKey { get; set; } = "";

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string District { get; set; } = "";

    public string Status { get; set; } = "";

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? ProviderMessageId { get; set; }

    public string? Template { get; set; }

    public string? Detail { get; set; }

    public string? ProviderStatus { get; set; }

    public DateTimeOffset? ProviderStatusAt { get; set; }

    public DateTimeOffset? OpenedAt { get; set; }

    public DateTimeOffset? ClickedAt { get; set; }

    public static DeliveryTableEntity From(Delivery delivery) => new()
    {
        PartitionKey = delivery.LeaderId,
        RowKey = delivery.Kind,
        District = delivery.District,
        Status = delivery.Status.ToString(),
        ClaimedAt = delivery.ClaimedAt,
        SentAt = delivery.SentAt,
        ProviderMessageId = delivery.ProviderMessageId,
        Template = delivery.Template,
        Detail = delivery.Detail,
        ProviderStatus = delivery.ProviderStatus,
        ProviderStatusAt = delivery.ProviderStatusAt,
        OpenedAt = delivery.OpenedAt,
        ClickedAt = delivery.ClickedAt,
    };

    public Delivery ToDelivery() => new()
    {
        LeaderId = PartitionKey,
        Kind = RowKey,
        District = District,
        Status = Enum.Parse<DeliveryStatus>(Status),
        ClaimedAt = ClaimedAt,
        SentAt = SentAt,
        ProviderMessageId = ProviderMessageId,
        Template = Template,
        Detail = Detail,
        ProviderStatus = ProviderStatus,
        ProviderStatusAt = ProviderStatusAt,
        OpenedAt = OpenedAt,
        ClickedAt = ClickedAt,
        Version = ETag.ToString(),
    };
}
