using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Privacy;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.CampaignSending;

/// <summary>Registers the campaign planning and batched sending.</summary>
public static class CampaignSendingServiceCollectionExtensions
{
    /// <summary>
    /// Registers the campaign planning and batched sending with their storage adapters (batches, work queues, the bulk
    /// exclusions); the campaigns, recipient lists, leaders, rendering, batch mail, districts and unsubscribe tokens
    /// come from their own registrations.
    /// </summary>
    public static IServiceCollection AddOutreachCampaignSending(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CampaignSendingOptions>()
            .Bind(configuration.GetSection(CampaignSendingOptions.Section))
            .Validate(options => options.ClaimLease > TimeSpan.Zero && options.ClaimLease <= TimeSpan.FromDays(1), "Outreach:CampaignSending:ClaimLease must be more than zero and at most a day.")
            .Validate(options => options.MaxRequestsInFlight is >= 1 and <= 64, "Outreach:CampaignSending:MaxRequestsInFlight must be from 1 to 64.")
            .ValidateOnStart();
        services.TryAddSingleton<ICampaignBatchStore>(sp => new TableCampaignBatchStore(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ICampaignWorkQueue>(sp => new QueueCampaignWorkQueue(sp.GetRequiredService<Azure.Storage.Queues.QueueServiceClient>()));
        services.TryAddSingleton<IMailingExclusions>(sp => new TableMailingExclusions(sp.GetRequiredService<Azure.Data.Tables.TableServiceClient>(), sp.GetService<AddressKeyedHash>()));
        services.TryAddSingleton(sp => new CampaignCompletion(
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<ICampaignBatchStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CampaignCompletion>>()));
        services.TryAddSingleton(sp => new CampaignPlanner(
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<IRecipientListRepository>(),
            sp.GetRequiredService<IMailingExclusions>(),
            sp.GetRequiredService<ICampaignBatchStore>(),
            sp.GetRequiredService<ICampaignWorkQueue>(),
            sp.GetRequiredService<CampaignCompletion>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CampaignPlanner>>()));
        services.TryAddSingleton(sp => new CampaignBatchSender(
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<ICampaignBatchStore>(),
            sp.GetRequiredService<IMailingExclusions>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ICampaignRenderer>(),
            sp.GetRequiredService<IBatchMailSender>(),
            sp.GetRequiredService<IUnsubscribeTokens>(),
            sp.GetRequiredService<ICampaignWorkQueue>(),
            sp.GetRequiredService<CampaignCompletion>(),
            sp.GetRequiredService<IOptions<CampaignSendingOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<CampaignBatchSender>>()));
        services.TryAddSingleton(sp => new ScheduledCampaigns(
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<ICampaignWorkQueue>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ScheduledCampaigns>>()));
        return services;
    }
}
