using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Settings;

namespace Outreach.DevHost.Queues;

/// <summary>
/// The queues of the app's bindings: clients per connection setting (raw text; DevHost applies host.json's
/// <c>messageEncoding</c> itself), queue creation, and the queue output bindings written from an invocation's outputs.
/// </summary>
public sealed partial class QueueBindings
{
    private readonly AppSettings settings;
    private readonly QueueSettings queueSettings;
    private readonly ILogger logger;
    private readonly ConcurrentDictionary<string, QueueServiceClient> services = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, Task> created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Action> listeners = new(StringComparer.Ordinal);

    /// <summary>Creates the bindings over <paramref name="settings"/>.</summary>
    public QueueBindings(AppSettings settings, QueueSettings queueSettings, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        this.settings = settings;
        this.queueSettings = queueSettings;
        logger = loggerFactory.CreateLogger("Host.Queues");
    }

    /// <summary>The queue named by <paramref name="binding"/> (its <c>queueName</c>, <c>%Setting%</c> resolved), on its connection.</summary>
    public QueueClient QueueFor(BindingDefinition binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return Service(binding.Connection).GetQueueClient(settings.Resolve(binding.Property("queueName")!).ToLowerInvariant());
    }

    /// <summary>The poison queue (<c>{queue}-poison</c>) of the queue of <paramref name="binding"/>, on the same account.</summary>
    public QueueClient PoisonQueueFor(BindingDefinition binding)
    {
        ArgumentNullException.ThrowIfNull(binding);
        return Service(binding.Connection).GetQueueClient(QueueFor(binding).Name + "-poison");
    }

    /// <summary>Creates the queue once per DevHost run (a failed attempt is tried again next time).</summary>
    public async Task EnsureCreatedAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var key = queue.Uri.AbsoluteUri;
        var creation = created.GetOrAdd(key, _ => queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        try
        {
            await creation.ConfigureAwait(false);
        }
        catch
        {
            created.TryRemove(new KeyValuePair<string, Task>(key, creation));
            throw;
        }
    }

    /// <summary>Forgets that <paramref name="queue"/> was created (storage lost it, e.g. an in-memory Azurite restarted).</summary>
    public void ForgetCreated(QueueClient queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        created.TryRemove(queue.Uri.AbsoluteUri, out _);
    }

    /// <summary>Registers the wake-up of the listener of <paramref name="queueName"/>, called after DevHost writes to that queue.</summary>
    public void OnMessageWritten(string queueName, Action wake) => listeners[queueName] = wake;

    /// <summary>Encodes a message as host.json says (base64 by default).</summary>
    public string Encode(byte[] message) =>
        queueSettings.Base64Messages ? Convert.ToBase64String(message) : Encoding.UTF8.GetString(message);

    /// <summary>Writes <paramref name="messages"/> of the output <paramref name="binding"/> of <paramref name="function"/> to its queue.</summary>
    public async Task<int> WriteAsync(FunctionDefinition function, BindingDefinition binding, IReadOnlyList<byte[]> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(messages);
        var queue = QueueFor(binding);
        await EnsureCreatedAsync(queue, cancellationToken).ConfigureAwait(false);
        foreach (var message in messages)
        {
            try
            {
                await queue.SendMessageAsync(Encode(message), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException exception) when (exception.Status == 404)
            {
                // Storage lost the queue (an Azurite restarted without its data): create it again, as at start.
                ForgetCreated(queue);
                await EnsureCreatedAsync(queue, cancellationToken).ConfigureAwait(false);
                await queue.SendMessageAsync(Encode(message), cancellationToken).ConfigureAwait(false);
            }
        }

        LogWritten(logger, messages.Count, queue.Name, function.Name, binding.Name);
        if (listeners.TryGetValue(queue.Name, out var wake))
        {
            wake();
        }

        return messages.Count;
    }

    private QueueServiceClient Service(string connectionSetting) =>
        services.GetOrAdd(connectionSetting, name =>
        {
            var connectionString = settings[name];
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"The setting {name} (a binding's connection) is not set. Locally it is a connection string, e.g. UseDevelopmentStorage=true.");
            }

            var options = QueueClientDefaults.Create();

            // Few, short retries: a listener has its own backoff, and an outage should show in the log rather than in long waits.
            options.Retry.MaxRetries = 2;
            options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
            return new QueueServiceClient(connectionString, options);
        });

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Wrote {Count} message(s) to queue '{Queue}' (output '{Binding}' of {FunctionName})")]
    private static partial void LogWritten(ILogger logger, int count, string queue, string functionName, string binding);
}
