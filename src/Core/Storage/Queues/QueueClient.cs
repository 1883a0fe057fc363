using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Outreach.Core.Storage.Queues;

/// <summary>
/// One storage queue: create it, send, receive, peek, update and delete messages. Mirrors
/// <c>Azure.Storage.Queues.QueueClient</c> (names, parameters and semantics). Thread-safe. Failures are
/// <see cref="RequestFailedException"/>s with the service's status and error code.
/// </summary>
public class QueueClient
{
    /// <summary>The largest message the service accepts, in bytes of the encoded text.</summary>
    public const int MessageMaxBytes = 64 * 1024;

    /// <summary>The most messages one receive or peek returns.</summary>
    public const int MaxMessagesPerReceive = 32;

    private readonly HttpPipeline pipeline;
    private readonly QueueMessageEncoding encoding;

    /// <summary>Connects to <paramref name="queueName"/> with a connection string.</summary>
    public QueueClient(string connectionString, string queueName)
        : this(connectionString, queueName, new QueueClientOptions())
    {
    }

    /// <summary>Connects to <paramref name="queueName"/> with a connection string and options.</summary>
    public QueueClient(string connectionString, string queueName, QueueClientOptions? options)
    {
        var parsed = StorageConnectionString.Parse(connectionString);
        options ??= new QueueClientOptions();
        ValidateQueueName(queueName);
        Name = queueName;
        AccountName = parsed.AccountName;
        Uri = new Uri(parsed.QueueEndpoint.AbsoluteUri.TrimEnd('/') + "/" + queueName);
        encoding = options.MessageEncoding;
        pipeline = StoragePipeline.Build(options, new StorageSharedKeyPolicy(parsed.Credential, StorageService.Queue, options.TimeProvider));
    }

    /// <summary>Connects to the queue at <paramref name="queueUri"/> with a Microsoft Entra credential; https only.</summary>
    public QueueClient(Uri queueUri, TokenCredential credential, QueueClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(queueUri);
        options ??= new QueueClientOptions();
        Uri = new Uri(queueUri.AbsoluteUri.TrimEnd('/'));
        Name = Uri.Segments[^1];
        ValidateQueueName(Name);
        AccountName = queueUri.Host.Split('.')[0];
        encoding = options.MessageEncoding;
        pipeline = StoragePipeline.Build(options, StoragePipeline.TokenPolicy(queueUri, credential));
    }

    internal QueueClient(HttpPipeline pipeline, Uri serviceUri, string accountName, string queueName, QueueMessageEncoding encoding)
    {
        ValidateQueueName(queueName);
        this.pipeline = pipeline;
        this.encoding = encoding;
        AccountName = accountName;
        Name = queueName;
        Uri = new Uri(serviceUri.AbsoluteUri.TrimEnd('/') + "/" + queueName);
    }

    /// <summary>For mocking.</summary>
    protected QueueClient()
    {
        pipeline = null!;
        Name = "";
        AccountName = "";
        Uri = null!;
    }

    /// <summary>The queue's name.</summary>
    public virtual string Name { get; }

    /// <summary>The storage account's name.</summary>
    public virtual string AccountName { get; }

    /// <summary>The queue's address.</summary>
    public virtual Uri Uri { get; }

    /// <summary>Creates the queue; an existing queue is left as it is (201 created, 204 existed).</summary>
    public virtual async Task<Response> CreateIfNotExistsAsync(IDictionary<string, string>? metadata = null, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Put, "");
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            message.Request.Headers.SetValue("x-ms-meta-" + key, value);
        }

        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        // 409 QueueAlreadyExists means it exists with other metadata: still "exists", as the official client treats it.
        return StoragePipeline.EnsureStatus(message.Response, 201, 204, 409);
    }

    /// <summary>Whether the queue exists.</summary>
    public virtual async Task<Response<bool>> ExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "");
        message.Request.Uri.AppendQuery("comp", "metadata");
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200, 404);
        return Response.FromValue(response.Status == 200, response);
    }

    /// <summary>Deletes the queue and its messages; throws 404 <c>QueueNotFound</c> when missing.</summary>
    public virtual async Task<Response> DeleteAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "");
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 204);
    }

    /// <summary>Deletes the queue when it exists; true when it did.</summary>
    public virtual async Task<Response<bool>> DeleteIfExistsAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "");
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 204, 404);
        return Response.FromValue(response.Status == 204, response);
    }

    /// <summary>The approximate message count and the metadata.</summary>
    public virtual async Task<Response<QueueProperties>> GetPropertiesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "");
        message.Request.Uri.AppendQuery("comp", "metadata");
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200);
        var count = response.Headers.TryGetValue("x-ms-approximate-messages-count", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in response.Headers.Where(h => h.Name.StartsWith("x-ms-meta-", StringComparison.OrdinalIgnoreCase)))
        {
            metadata[header.Name["x-ms-meta-".Length..]] = header.Value;
        }

        return Response.FromValue(new QueueProperties(count, metadata), response);
    }

    /// <summary>Sends a text message (visible at once, kept for the default seven days).</summary>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText) => SendMessageAsync(messageText, null, null, default);

    /// <summary>Sends a text message.</summary>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, CancellationToken cancellationToken) =>
        SendMessageAsync(messageText, null, null, cancellationToken);

    /// <summary>
    /// Sends a text message, invisible for <paramref name="visibilityTimeout"/> and kept for <paramref name="timeToLive"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> or -1 s: never expires). A message over 64 KiB once encoded is refused
    /// before it is sent.
    /// </summary>
    public virtual Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = default, TimeSpan? timeToLive = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageText);
        return SendMessageAsync(BinaryData.FromString(messageText), visibilityTimeout, timeToLive, cancellationToken);
    }

    /// <summary>Sends a binary message (use <see cref="QueueMessageEncoding.Base64"/> for arbitrary bytes).</summary>
    public virtual async Task<Response<SendReceipt>> SendMessageAsync(BinaryData message, TimeSpan? visibilityTimeout = default, TimeSpan? timeToLive = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var httpMessage = CreateMessage(RequestMethod.Post, "/messages");
        if (visibilityTimeout is { } visibility)
        {
            httpMessage.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibility));
        }

        if (timeToLive is { } ttl)
        {
            httpMessage.Request.Uri.AppendQuery("messagettl", ttl == Timeout.InfiniteTimeSpan ? "-1" : Seconds(ttl));
        }

        SetMessageBody(httpMessage, message);
        await pipeline.SendAsync(httpMessage, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(httpMessage.Response, 201);
        var item = ReadList(response).Single();
        return Response.FromValue(
            new SendReceipt(
                Text(item, "MessageId"),
                Date(item, "InsertionTime") ?? default,
                Date(item, "ExpirationTime") ?? default,
                Text(item, "PopReceipt"),
                Date(item, "TimeNextVisible") ?? default),
            response);
    }

    /// <summary>Receives one message, or null when none is visible.</summary>
    public virtual async Task<Response<QueueMessage?>> ReceiveMessageAsync(TimeSpan? visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        var messages = await ReceiveMessagesAsync(1, visibilityTimeout, cancellationToken).ConfigureAwait(false);
        return Response.FromValue(messages.Value.FirstOrDefault(), messages.GetRawResponse());
    }

    /// <summary>Receives one visible message, if any.</summary>
    public virtual Task<Response<QueueMessage[]>> ReceiveMessagesAsync() => ReceiveMessagesAsync(null, null, default);

    /// <summary>Receives one visible message, if any.</summary>
    public virtual Task<Response<QueueMessage[]>> ReceiveMessagesAsync(CancellationToken cancellationToken) => ReceiveMessagesAsync(null, null, cancellationToken);

    /// <summary>
    /// Receives up to <paramref name="maxMessages"/> (1–32) visible messages and hides them for
    /// <paramref name="visibilityTimeout"/> (default 30 s, at least 1 s); each receive raises the dequeue count.
    /// </summary>
    public virtual async Task<Response<QueueMessage[]>> ReceiveMessagesAsync(int? maxMessages = default, TimeSpan? visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/messages");
        if (maxMessages is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(maxMessages));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxMessagesPerReceive, nameof(maxMessages));
            message.Request.Uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        }

        if (visibilityTimeout is { } visibility)
        {
            message.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibility));
        }

        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200);
        var messages = ReadList(response)
            .Select(item => new QueueMessage(
                Text(item, "MessageId"),
                Text(item, "PopReceipt"),
                Decode(Text(item, "MessageText")),
                long.Parse(Text(item, "DequeueCount"), CultureInfo.InvariantCulture),
                Date(item, "TimeNextVisible"),
                Date(item, "InsertionTime"),
                Date(item, "ExpirationTime")))
            .ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>Looks at up to <paramref name="maxMessages"/> visible messages without receiving them.</summary>
    public virtual async Task<Response<PeekedMessage[]>> PeekMessagesAsync(int? maxMessages = default, CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Get, "/messages");
        message.Request.Uri.AppendQuery("peekonly", "true");
        if (maxMessages is { } count)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(maxMessages));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxMessagesPerReceive, nameof(maxMessages));
            message.Request.Uri.AppendQuery("numofmessages", count.ToString(CultureInfo.InvariantCulture));
        }

        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(message.Response, 200);
        var messages = ReadList(response)
            .Select(item => new PeekedMessage(
                Text(item, "MessageId"),
                Decode(Text(item, "MessageText")),
                long.Parse(Text(item, "DequeueCount"), CultureInfo.InvariantCulture),
                Date(item, "InsertionTime"),
                Date(item, "ExpirationTime")))
            .ToArray();
        return Response.FromValue(messages, response);
    }

    /// <summary>
    /// Changes a received message's visibility (and, when <paramref name="messageText"/> is given, its content). A stale
    /// receipt gives 400 <c>PopReceiptMismatch</c>; use the receipt returned for further calls.
    /// </summary>
    public virtual Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, string? messageText = null, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default) =>
        UpdateMessageAsync(messageId, popReceipt, messageText is null ? null : BinaryData.FromString(messageText), visibilityTimeout, cancellationToken);

    /// <summary>Changes a received message's visibility and, when <paramref name="message"/> is given, its content.</summary>
    public virtual async Task<Response<UpdateReceipt>> UpdateMessageAsync(string messageId, string popReceipt, BinaryData? message, TimeSpan visibilityTimeout = default, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var httpMessage = CreateMessage(RequestMethod.Put, "/messages/" + Uri.EscapeDataString(messageId));
        httpMessage.Request.Uri.AppendQuery("popreceipt", popReceipt);
        httpMessage.Request.Uri.AppendQuery("visibilitytimeout", Seconds(visibilityTimeout));
        if (message is not null)
        {
            SetMessageBody(httpMessage, message);
        }

        await pipeline.SendAsync(httpMessage, cancellationToken).ConfigureAwait(false);
        var response = StoragePipeline.EnsureStatus(httpMessage.Response, 204);
        response.Headers.TryGetValue("x-ms-popreceipt", out var newReceipt);
        response.Headers.TryGetValue("x-ms-time-next-visible", out var nextVisible);
        return Response.FromValue(
            new UpdateReceipt(newReceipt ?? "", nextVisible is null ? default : DateTimeOffset.Parse(nextVisible, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)),
            response);
    }

    /// <summary>Deletes a received message. A stale receipt gives 400 <c>PopReceiptMismatch</c>, a gone message 404.</summary>
    public virtual async Task<Response> DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        ArgumentException.ThrowIfNullOrEmpty(popReceipt);
        using var message = CreateMessage(RequestMethod.Delete, "/messages/" + Uri.EscapeDataString(messageId));
        message.Request.Uri.AppendQuery("popreceipt", popReceipt);
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 204);
    }

    /// <summary>Deletes every message of the queue.</summary>
    public virtual async Task<Response> ClearMessagesAsync(CancellationToken cancellationToken = default)
    {
        using var message = CreateMessage(RequestMethod.Delete, "/messages");
        await pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        return StoragePipeline.EnsureStatus(message.Response, 204);
    }

    private HttpMessage CreateMessage(RequestMethod method, string path)
    {
        var message = pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(Uri);
        if (path.Length > 0)
        {
            message.Request.Uri.AppendPath(path, escape: false);
        }

        message.Request.Headers.SetValue("x-ms-version", QueueClientOptions.VersionString);
        return message;
    }

    private void SetMessageBody(HttpMessage message, BinaryData body)
    {
        var text = encoding == QueueMessageEncoding.Base64 ? Convert.ToBase64String(body.ToMemory().Span) : body.ToString();
        var escaped = SecurityElement.Escape(text);
        var size = Encoding.UTF8.GetByteCount(escaped);
        if (size > MessageMaxBytes)
        {
            // Answered here, with the sizes, rather than as the service's bare 413 RequestBodyTooLarge.
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The message is {size} bytes once encoded; a queue message can be at most {MessageMaxBytes} bytes."),
                nameof(body));
        }

        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create(Encoding.UTF8.GetBytes("<QueueMessage><MessageText>" + escaped + "</MessageText></QueueMessage>"));
    }

    private BinaryData Decode(string text) =>
        encoding == QueueMessageEncoding.Base64 ? new BinaryData(Convert.FromBase64String(text)) : BinaryData.FromString(text);

    private static IEnumerable<XElement> ReadList(Response response)
    {
        var content = response.Content.ToString();
        return content.Length == 0 ? [] : XDocument.Parse(content).Root?.Elements("QueueMessage") ?? [];
    }

    private static string Text(XElement item, string name) => item.Element(name)?.Value ?? "";

    private static DateTimeOffset? Date(XElement item, string name) =>
        item.Element(name)?.Value is { Length: > 0 } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null;

    private static string Seconds(TimeSpan value) => ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    internal static void ValidateQueueName(string queueName)
    {
        ArgumentException.ThrowIfNullOrEmpty(queueName);
        var valid = queueName.Length is >= 3 and <= 63 &&
                    queueName.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') &&
                    char.IsAsciiLetterOrDigit(queueName[0]) && char.IsAsciiLetterOrDigit(queueName[^1]) &&
                    !queueName.Contains("--", StringComparison.Ordinal);
        if (!valid)
        {
            throw new ArgumentException($"'{queueName}' is not a valid queue name: 3 to 63 lower-case letters, digits and single hyphens.", nameof(queueName));
        }
    }
}
