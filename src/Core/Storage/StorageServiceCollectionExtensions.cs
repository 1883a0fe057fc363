using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Core.Storage.Queues;
using Outreach.Core.Storage.Tables;

namespace Outreach.Core.Storage;

/// <summary>Registers the storage clients the way the Functions host reads its own storage setting.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The setting the Functions host and this app share.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Registers <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/> singletons (queues speak Base64,
    /// as the Functions queue trigger expects) from <c>AzureWebJobsStorage</c>: a connection string, or, identity-based,
    /// <c>AzureWebJobsStorage:tableServiceUri</c> and <c>:queueServiceUri</c> with a managed identity
    /// (<c>:clientId</c> for a user-assigned one), as the Functions host documents it.
    /// </summary>
    public static IServiceCollection AddOutreachStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = StorageSettings.From(configuration);
        services.TryAddSingleton(settings);
        services.TryAddSingleton(_ => settings.CreateTableServiceClient());
        services.TryAddSingleton(_ => settings.CreateQueueServiceClient());
        services.TryAddSingleton<StorageInitializer>();
        return services;
    }
}

/// <summary>Where the storage account is and how to reach it, read from <c>AzureWebJobsStorage</c>.</summary>
public sealed class StorageSettings
{
    private StorageSettings(string? connectionString, Uri? tableServiceUri, Uri? queueServiceUri, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        TableServiceUri = tableServiceUri;
        QueueServiceUri = queueServiceUri;
        Credential = credential;
    }

    /// <summary>The connection string, when the account is reached with a key.</summary>
    public string? ConnectionString { get; }

    /// <summary>The Table endpoint, when the account is reached with an identity.</summary>
    public Uri? TableServiceUri { get; }

    /// <summary>The Queue endpoint, when the account is reached with an identity.</summary>
    public Uri? QueueServiceUri { get; }

    /// <summary>The identity, when no connection string is configured.</summary>
    public TokenCredential? Credential { get; }

    /// <summary>Reads the settings; throws <see cref="InvalidOperationException"/> saying what to set when they are missing.</summary>
    public static StorageSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(StorageServiceCollectionExtensions.ConnectionSetting);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            // Parse now so that a malformed string fails at start, not at the first letter.
            _ = StorageConnectionString.Parse(section.Value);
            return new StorageSettings(section.Value, null, null, null);
        }

        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        if (string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri))
        {
            throw new InvalidOperationException(
                "Storage is not configured: set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true locally), " +
                "or AzureWebJobsStorage__tableServiceUri and AzureWebJobsStorage__queueServiceUri for a managed identity.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        return new StorageSettings(null, new Uri(tableUri), new Uri(queueUri), credential);
    }

    /// <summary>A Table service client for these settings.</summary>
    public TableServiceClient CreateTableServiceClient() =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString) : new TableServiceClient(TableServiceUri!, Credential!);

    /// <summary>A Queue service client (Base64 messages) for these settings.</summary>
    public QueueServiceClient CreateQueueServiceClient()
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        return ConnectionString is not null ? new QueueServiceClient(ConnectionString, options) : new QueueServiceClient(QueueServiceUri!, Credential!, options);
    }
}

/// <summary>The tables and queues the app uses; one place for their names.</summary>
public static class StorageNames
{
    /// <summary>Leaders, one partition per district.</summary>
    public const string LeadersTable = "leaders";

    /// <summary>Every state change of a leader, with its cause.</summary>
    public const string LeaderEventsTable = "leaderevents";

    /// <summary>Claimed and sent letters, keyed by delivery key (e.g. <c>welcome:{leaderId}</c>).</summary>
    public const string DeliveriesTable = "deliveries";

    /// <summary>Addresses that must not be mailed (bounces, spam reports).</summary>
    public const string SuppressionsTable = "suppressions";

    /// <summary>People who opted out of a category of mail.</summary>
    public const string OptOutsTable = "optouts";

    /// <summary>Saved positions of sources (e.g. Graph delta links).</summary>
    public const string CursorsTable = "cursors";

    /// <summary>Work items for welcome letters.</summary>
    public const string WelcomeQueue = "welcome-letters";

    /// <summary>Work items for follow-up letters.</summary>
    public const string FollowUpQueue = "follow-up-letters";

    /// <summary>Every table the app needs.</summary>
    public static IReadOnlyList<string> Tables { get; } =
        [LeadersTable, LeaderEventsTable, DeliveriesTable, SuppressionsTable, OptOutsTable, CursorsTable];

    /// <summary>Every queue the app needs (their <c>-poison</c> queues are made by the host).</summary>
    public static IReadOnlyList<string> Queues { get; } = [WelcomeQueue, FollowUpQueue];
}

/// <summary>Creates the app's tables and queues once per process (a no-op when they exist).</summary>
public sealed class StorageInitializer : IDisposable
{
    private readonly TableServiceClient tables;
    private readonly QueueServiceClient queues;
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool done;

    /// <summary>Creates the initializer.</summary>
    public StorageInitializer(TableServiceClient tables, QueueServiceClient queues)
    {
        this.tables = tables;
        this.queues = queues;
    }

    /// <summary>Makes sure every table and queue of <see cref="StorageNames"/> exists.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref done))
        {
            return;
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (done)
            {
                return;
            }

            foreach (var table in StorageNames.Tables)
            {
                await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
            }

            foreach (var queue in StorageNames.Queues)
            {
                await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            Volatile.Write(ref done, true);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Dispose() => gate.Dispose();
}
