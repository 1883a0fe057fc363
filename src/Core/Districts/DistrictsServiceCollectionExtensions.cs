using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Districts;

/// <summary>Registers the district catalog.</summary>
public static class DistrictsServiceCollectionExtensions
{
    /// <summary>Binds <c>Outreach:Districts</c>, validates it at start and registers <see cref="IDistrictCatalog"/>.</summary>
    public static IServiceCollection AddOutreachDistricts(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<DistrictCatalogOptions>()
            .Bind(configuration.GetSection(DistrictCatalogOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DistrictCatalogOptions>, DistrictCatalogValidator>());
        services.TryAddSingleton<IDistrictCatalog, DistrictCatalog>();
        return services;
    }
}
