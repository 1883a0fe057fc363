// STUB (contract): the storage feature fills this in.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Storage;

/// <summary>Registers the Table and Queue service clients.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <c>TableServiceClient</c> and <c>QueueServiceClient</c> singletons built from the Functions host's own
    /// storage setting <c>AzureWebJobsStorage</c>: a connection string (including <c>UseDevelopmentStorage=true</c>) or the
    /// identity-based form <c>AzureWebJobsStorage__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__clientId</c>.
    /// </summary>
    public static IServiceCollection AddOutreachStorage(this IServiceCollection services, IConfiguration configuration) => services;
}
