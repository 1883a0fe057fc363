// STUB (contract): the districts/templates feature fills this in.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Districts;

/// <summary>Registers the district catalog.</summary>
public static class DistrictsServiceCollectionExtensions
{
    /// <summary>Binds <c>Outreach:Districts</c>, validates it at start and registers <see cref="IDistrictCatalog"/>.</summary>
    public static IServiceCollection AddOutreachDistricts(this IServiceCollection services, IConfiguration configuration) => services;
}
