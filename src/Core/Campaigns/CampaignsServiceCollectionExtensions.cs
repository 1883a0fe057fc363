using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Outreach.Core.CampaignRendering;
using Outreach.Core.CampaignSending;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Campaigns;

/// <summary>Registers the campaign lifecycle (CampaignService, the campaigns table).</summary>
public static class CampaignsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the campaign lifecycle (CampaignService, the campaigns table). The ports it uses from other features
    /// (batch store and work queue, recipient lists, leaders, districts, renderer, unsubscribe links, mail) are
    /// registered by their own <c>Add…</c> and resolved when the service is first asked for.
    /// </summary>
    public static IServiceCollection AddOutreachCampaigns(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICampaignRepository, TableCampaignRepository>();
        services.TryAddSingleton(sp => new CampaignService(
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<ICampaignBatchStore>(),
            sp.GetRequiredService<ICampaignWorkQueue>(),
            sp.GetRequiredService<IRecipientListRepository>(),
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ICampaignRenderer>(),
            sp.GetRequiredService<IUnsubscribeTokens>(),
            sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CampaignService>>()));
        return services;
    }
}
