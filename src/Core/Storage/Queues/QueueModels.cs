using Azure.Core;

namespace Outreach.Core.Storage.Queues;

/// <summary>How message text travels on the wire. Mirrors <c>Azure.Storage.Queues.QueueMessageEncoding</c>.</summary>
public enum QueueMessageEncoding
{
    /// <summary>As given (XML-escaped).</summary>
    None = 0,

    /// <summary>Base64 of the bytes: what the Azure Functions queue trigger expects by default.</summary>
    Base64 = 1,
}

/// <summary>Options of the queue clients. Mirrors <c>Azure.Storage.Queues.QueueClientOptions</c>.</summary>
public sealed class QueueClientOptions : ClientOptions
{
    /// <summary>Creates options for the given service version (the newest by default).</summary>
    public QueueClientOptions(ServiceVersion version = ServiceVersion.V2021_12_02) => Version = version;

    /// <summary>The REST API versions the clients can speak.</summary>
    public enum ServiceVersion
    {
        /// <summary>2021-12-02.</summary>
        V2021_12_02 = 1,
    }

    /// <summary>The version sent as <c>x-ms-version</c>.</summary>
    public ServiceVersion Version { get; }

    /// <summary>How message bodies are encoded; the official default is <see cref="QueueMessageEncoding.None"/>.</summary>
    public QueueMessageEncoding MessageEncoding { get; set; }

    /// <summary>Used by tests to sign with a fixed clock; null means the system clock.</summary>
    internal TimeProvider? TimeProvider { get; set; }

    internal static string VersionString => "2021-12-02";
}

/// <summary>A received message, hidden from others until its visibility timeout ends. Mirrors <c>Azure.Storage.Queues.Models.QueueMessage</c>.</summary>
public sealed class QueueMessage
{
    internal QueueMessage(string messageId, string popReceipt, BinaryData body, long dequeueCount, DateTimeOffset? nextVisibleOn, DateTimeOffset? insertedOn, DateTimeOffset? expiresOn)
    {
        MessageId = messageId;
        PopReceipt = popReceipt;
        Body = body;
        DequeueCount = dequeueCount;
        NextVisibleOn = nextVisibleOn;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    /// <summary>The message's id.</summary>
    public string MessageId { get; }

    /// <summary>The receipt needed to delete or update the message; it changes with every receive and update.</summary>
    public string PopReceipt { get; }

    /// <summary>The message's content (decoded).</summary>
    public BinaryData Body { get; }

    /// <summary>The content as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>How many times the message has been received, this time included.</summary>
    public long DequeueCount { get; }

    /// <summary>When the message becomes visible again.</summary>
    public DateTimeOffset? NextVisibleOn { get; }

    /// <summary>When the message was added.</summary>
    public DateTimeOffset? InsertedOn { get; }

    /// <summary>When the message expires.</summary>
    public DateTimeOffset? ExpiresOn { get; }

    /// <summary>This message with the receipt and visibility of an update.</summary>
    public QueueMessage Update(UpdateReceipt updated)
    {
        ArgumentNullException.ThrowIfNull(updated);
        return new(MessageId, updated.PopReceipt, Body, DequeueCount, updated.NextVisibleOn, InsertedOn, ExpiresOn);
    }
}

/// <summary>A message seen without receiving it. Mirrors <c>Azure.Storage.Queues.Models.PeekedMessage</c>.</summary>
public sealed class PeekedMessage
{
    internal PeekedMessage(string messageId, BinaryData body, long dequeueCount, DateTimeOffset? insertedOn, DateTimeOffset? expiresOn)
    {
        MessageId = messageId;
        Body = body;
        DequeueCount = dequeueCount;
        InsertedOn = insertedOn;
        ExpiresOn = expiresOn;
    }

    /// <summary>The message's id.</summary>
    public string MessageId { get; }

    /// <summary>The message's content (decoded).</summary>
    public BinaryData Body { get; }

    /// <summary>The content as UTF-8 text.</summary>
    public string MessageText => Body.ToString();

    /// <summary>How many times the message has been received.</summary>
    public long DequeueCount { get; }

    /// <summary>When the message was added.</summary>
    public DateTimeOffset? InsertedOn { get; }

    /// <summary>When the message expires.</summary>
    public DateTimeOffset? ExpiresOn { get; }
}

/// <summary>What the service answers to a sent message. Mirrors <c>Azure.Storage.Queues.Models.SendReceipt</c>.</summary>
public sealed class SendReceipt
{
    internal SendReceipt(string messageId, DateTimeOffset insertionTime, DateTimeOffset expirationTime, string popReceipt, DateTimeOffset timeNextVisible)
    {
        MessageId = messageId;
        InsertionTime = insertionTime;
        ExpirationTime = expirationTime;
        PopReceipt = popReceipt;
        TimeNextVisible = timeNextVisible;
    }

    /// <summary>The new message's id.</summary>
    public string MessageId { get; }

    /// <summary>When it was added.</summary>
    public DateTimeOffset InsertionTime { get; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpirationTime { get; }

    /// <summary>A receipt for deleting or updating it.</summary>
    public string PopReceipt { get; }

    /// <summary>When it becomes visible.</summary>
    public DateTimeOffset TimeNextVisible { get; }
}

/// <summary>What the service answers to an update. Mirrors <c>Azure.Storage.Queues.Models.UpdateReceipt</c>.</summary>
public sealed class UpdateReceipt
{
    internal UpdateReceipt(string popReceipt, DateTimeOffset nextVisibleOn)
    {
        PopReceipt = popReceipt;
        NextVisibleOn = nextVisibleOn;
    }

    /// <summary>The message's new receipt.</summary>
    public string PopReceipt { get; }

    /// <summary>When the message becomes visible.</summary>
    public DateTimeOffset NextVisibleOn { get; }
}

/// <summary>A queue's properties. Mirrors <c>Azure.Storage.Queues.Models.QueueProperties</c>.</summary>
public sealed class QueueProperties
{
    internal QueueProperties(int approximateMessagesCount, IDictionary<string, string> metadata)
    {
        ApproximateMessagesCount = approximateMessagesCount;
        Metadata = metadata;
    }

    /// <summary>About how many messages the queue holds.</summary>
    public int ApproximateMessagesCount { get; }

    /// <summary>The queue's metadata.</summary>
    public IDictionary<string, string> Metadata { get; }
}
