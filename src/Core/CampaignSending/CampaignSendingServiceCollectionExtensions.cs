using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.CampaignSending;

/// <summary>Registers the campaign planning and batched sending.</summary>
public static class CampaignSendingServiceCollectionExtensions
{
    /// <summary>Registers the campaign planning and batched sending.</summary>
    public static IServiceCollection AddOutreachCampaignSending(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
