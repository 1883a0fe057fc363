using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Storage;

/// <summary>Registers the Azure storage clients the way the Functions host reads its own storage setting.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>The setting the Functions host and this app share.</summary>
    public const string ConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// The Queue service version the clients speak. The SDK's newest (2026-10-06) is refused by Azurite 3.35 (and 3.37);
    /// 2025-11-05 is the newest both accept, and it has every operation we use (docs/decisions.md).
    /// </summary>
    public const QueueClientOptions.ServiceVersion QueueServiceVersion = QueueClientOptions.ServiceVersion.V2025_11_05;

    /// <summary>
    /// The name of a second <see cref="QueueServiceClient"/> (from <c>IAzureClientFactory</c>) that reads and writes message
    /// text as stored, without Base64: the poison queues may hold a message that is not Base64, which the default client
    /// cannot even list.
    /// </summary>
    public const string RawQueueClientName = "raw-queues";

    /// <summary>
    /// Registers <see cref="TableServiceClient"/> and <see cref="QueueServiceClient"/> with <c>AddAzureClients</c> (queues
    /// speak Base64, as the Functions queue trigger expects) from <c>AzureWebJobsStorage</c>: a connection string, or,
    /// identity-based, <c>AzureWebJobsStorage__tableServiceUri</c> and <c>__queueServiceUri</c> with
    /// <c>__clientId</c> for a user-assigned managed identity (otherwise <see cref="DefaultAzureCredential"/>). Tables and
    /// queues are created once at start by <see cref="StorageInitializer"/>.
    /// </summary>
    public static IServiceCollection AddOutreachStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConnectionSetting);
        services.AddAzureClients(clients =>
        {
            if (!string.IsNullOrWhiteSpace(section.Value))
            {
                clients.AddTableServiceClient(section.Value);
                clients.AddQueueServiceClient(section.Value)
                    .WithVersion(QueueServiceVersion)
                    .ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
                clients.AddQueueServiceClient(section.Value).WithName(RawQueueClientName).WithVersion(QueueServiceVersion);
                return;
            }

            var tableUri = section["tableServiceUri"];
            var queueUri = section["queueServiceUri"];
            if (string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri))
            {
                throw new InvalidOperationException(
                    "Storage is not configured: set AzureWebJobsStorage to a connection string (UseDevelopmentStorage=true locally), " +
                    "or AzureWebJobsStorage__tableServiceUri and AzureWebJobsStorage__queueServiceUri for a managed identity.");
            }

            clients.AddTableServiceClient(new Uri(tableUri));
            clients.AddQueueServiceClient(new Uri(queueUri))
                .WithVersion(QueueServiceVersion)
                .ConfigureOptions(options => options.MessageEncoding = QueueMessageEncoding.Base64);
            clients.AddQueueServiceClient(new Uri(queueUri)).WithName(RawQueueClientName).WithVersion(QueueServiceVersion);
            clients.UseCredential(CredentialFor(section["clientId"]));
        });
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService<StorageInitializer>();
        return services;
    }

    // A user-assigned identity is named by its client id, as the Functions host reads it; without one, the default
    // chain finds the system-assigned identity in Azure and a developer's own sign-in on a workstation.
    private static TokenCredential CredentialFor(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
}
