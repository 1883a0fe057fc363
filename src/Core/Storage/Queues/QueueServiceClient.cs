using Azure.Core;
using Azure.Core.Pipeline;

namespace Outreach.Core.Storage.Queues;

/// <summary>The Queue service of one account; hands out <see cref="QueueClient"/>s sharing one pipeline. Mirrors <c>Azure.Storage.Queues.QueueServiceClient</c>.</summary>
public class QueueServiceClient
{
    private readonly HttpPipeline pipeline;
    private readonly QueueMessageEncoding encoding;

    /// <summary>Connects with a connection string.</summary>
    public QueueServiceClient(string connectionString)
        : this(connectionString, new QueueClientOptions())
    {
    }

    /// <summary>Connects with a connection string and options.</summary>
    public QueueServiceClient(string connectionString, QueueClientOptions? options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        options ??= new QueueClientOptions();
        Uri = parsed.QueueEndpoint;
        AccountName = parsed.AccountName;
        encoding = options.MessageEncoding;
        pipeline = StoragePipeline.Build(options, new StorageSharedKeyPolicy(parsed.Credential, StorageService.Queue, options.TimeProvider));
    }

    /// <summary>Connects with a Microsoft Entra credential; the endpoint must be https.</summary>
    public QueueServiceClient(Uri serviceUri, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        options ??= new QueueClientOptions();
        Uri = serviceUri;
        AccountName = serviceUri.Host.Split('.')[0];
        encoding = options.MessageEncoding;
        pipeline = StoragePipeline.Build(options, StoragePipeline.TokenPolicy(serviceUri, credential));
    }

    /// <summary>For mocking.</summary>
    protected QueueServiceClient()
    {
        pipeline = null!;
        Uri = null!;
        AccountName = "";
    }

    /// <summary>The Queue service endpoint.</summary>
    public virtual Uri Uri { get; }

    /// <summary>The storage account's name.</summary>
    public virtual string AccountName { get; }

    /// <summary>A client for one queue with this client's pipeline and message encoding.</summary>
    public virtual QueueClient GetQueueClient(string queueName) => new(pipeline, Uri, AccountName, queueName, encoding);
}
