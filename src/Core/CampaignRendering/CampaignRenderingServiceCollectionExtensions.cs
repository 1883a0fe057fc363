using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.CampaignRendering;

/// <summary>Registers the campaign rendering (Markdown and templates in the district's layout).</summary>
public static class CampaignRenderingServiceCollectionExtensions
{
    /// <summary>Registers the campaign rendering (Markdown and templates in the district's layout).</summary>
    public static IServiceCollection AddOutreachCampaignRendering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
