using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Outreach.Core.Storage;
using Outreach.DevHost.AppModel;
using Outreach.DevHost.Invocations;
using Outreach.DevHost.Settings;

namespace Outreach.DevHost.Queues;

/// <summary>
/// The queues of the app's bindings: clients per connection setting (raw text; DevHost applies host.json's
/// <c>messageEncoding</c> itself), queue creation, and the queue output bindings written from an invocation's <c>Outputs</c>.
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

    /// <summary>The poison queue of <paramref name="queue"/> on the same account.</summary>
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

    /// <summary>Registers the wake-up of the listener of <paramref name="queueName"/>, called after DevHost writes to that queue.</summary>
    public void OnMessageWritten(string queueName, Action wake) => listeners[queueName] = wake;

    /// <summary>
    /// Writes the queue outputs of an invocation: each message encoded as host.json says (base64 by default) to the binding's queue.
    /// Returns how many messages were written.
    /// </summary>
    public async Task<int> WriteOutputsAsync(FunctionDefinition function, InvocationResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(result);
        var written = 0;
        foreach (var binding in function.QueueOutputs)
        {
            if (!result.QueueOutputs.TryGetValue(binding.Name, out var messages) || messages.Count == 0)
            {
                continue;
            }

            var queue = QueueFor(binding);
            await EnsureCreatedAsync(queue, cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                var text = queueSettings.Base64Messages ? Convert.ToBase64String(Encoding.UTF8.GetBytes(message)) : message;
                await queue.SendMessageAsync(text, cancellationToken).ConfigureAwait(false);
                written++;
            }

            LogWritten(logger, messages.Count, queue.Name, function.Name, binding.Name);
            if (listeners.TryGetValue(queue.Name, out var wake))
            {
                wake();
            }
        }

        return written;
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

            return new QueueServiceClient(connectionString, new QueueClientOptions(StorageServiceCollectionExtensions.QueueServiceVersion) { MessageEncoding = QueueMessageEncoding.None });
        });

    [LoggerMessage(EventId = 410, Level = LogLevel.Information, Message = "Wrote {Count} message(s) to queue '{Queue}' (output '{Binding}' of {FunctionName})")]
    private static partial void LogWritten(ILogger logger, int count, string queue, string functionName, string binding);
}
