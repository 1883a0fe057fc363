using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Storage;

namespace Outreach.Core.Operations;

/// <summary>Registers the staff operations: unknown outcomes and the poison queues.</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>Registers the operations; storage, districts and the leader flows (<c>AddOutreachLeaders</c>) must be registered too.</summary>
    public static IServiceCollection AddOutreachOperations(this IServiceCollection services)
    {
        services.TryAddSingleton<IPoisonQueues>(sp => new QueuePoisonQueues(
            sp.GetRequiredService<IAzureClientFactory<QueueServiceClient>>().CreateClient(StorageServiceCollectionExtensions.RawQueueClientName)));
        services.TryAddSingleton(sp => new PoisonQueueOperations(sp.GetRequiredService<IPoisonQueues>()));
        services.TryAddSingleton(sp => new DeliveryOperations(
            sp.GetRequiredService<IDeliveryRepository>(),
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<ILetterQueue>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
