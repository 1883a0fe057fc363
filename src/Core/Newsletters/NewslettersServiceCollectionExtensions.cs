using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.Newsletters;

/// <summary>Registers the newsletter issues and the districts' newsletter schedules.</summary>
public static class NewslettersServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="NewsletterService"/> and <see cref="NewsletterScheduler"/>, and checks every district's
    /// <c>NewsletterSchedule</c> at start (with the district catalog). The campaigns table, the campaign queue, the
    /// renderer and the recipient lists come from their own features.
    /// </summary>
    public static IServiceCollection AddOutreachNewsletters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DistrictCatalogOptions>, NewsletterScheduleValidator>());
        services.TryAddSingleton(sp => new NewsletterScheduleCursors(sp.GetRequiredService<IDiscoveryCursorStore>()));
        services.TryAddSingleton(sp => new NewsletterService(
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<IRecipientListRepository>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ICampaignRenderer>(),
            sp.GetRequiredService<NewsletterScheduleCursors>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new NewsletterScheduler(
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<ICampaignWorkQueue>(),
            sp.GetRequiredService<NewsletterScheduleCursors>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NewsletterScheduler>>()));
        return services;
    }
}
