using Azure.Storage.Queues;

namespace Outreach.DevHost.Queues;

/// <summary>The queue client options every DevHost queue call starts from.</summary>
public static class QueueClientDefaults
{
    /// <summary>
    /// The service version DevHost speaks: the newest that the pinned Azurite (package.json) accepts. Azure.Storage.Queues
    /// 12.28's own default is newer and Azurite 3.35 refuses it; Outreach.Core pins the same version for the same reason
    /// (docs/decisions.md, "Storage on the Azure SDK"). DevHost does not reference Core, so the value stands here too.
    /// </summary>
    public const QueueClientOptions.ServiceVersion ServiceVersion = QueueClientOptions.ServiceVersion.V2025_11_05;

    /// <summary>Options at <see cref="ServiceVersion"/>, with the given message encoding.</summary>
    public static QueueClientOptions Create(QueueMessageEncoding encoding = QueueMessageEncoding.None) =>
        new(ServiceVersion) { MessageEncoding = encoding };
}
