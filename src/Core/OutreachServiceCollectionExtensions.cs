// STUB: the leaders feature fills this in; every feature adds its own Add* method and this calls them.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core;

/// <summary>Registers Outreach.Core's services.</summary>
public static class OutreachServiceCollectionExtensions
{
    /// <summary>Adds the domain, its adapters and their options (bound from <c>Outreach:*</c> and validated at start).</summary>
    public static IServiceCollection AddOutreachCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
