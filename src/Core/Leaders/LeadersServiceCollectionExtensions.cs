using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Storage;
using Outreach.Core.Storage.Tables;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Leaders;

/// <summary>Registers the leader flows (discovery, welcome, follow-up, conversions, opt-outs and the staff queries).</summary>
public static class LeadersServiceCollectionExtensions
{
    /// <summary>Registers the flows; storage, districts, templates, mail, discovery and unsubscribe must be registered too.</summary>
    public static IServiceCollection AddOutreachLeaders(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LeaderStore(sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<StorageInitializer>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LetterDispatcher(
            sp.GetRequiredService<LeaderStore>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ILetterRenderer>(),
            sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<PrintLetters.IPrintLetterWriter>(),
            sp.GetRequiredService<IUnsubscribeTokens>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LetterDispatcher>>()));
        services.TryAddSingleton(sp => new DiscoveryService(
            sp.GetServices<ILeaderSource>(),
            sp.GetRequiredService<LeaderCsvParser>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<LeaderStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscoveryService>>()));
        services.TryAddSingleton(sp => new WelcomeService(sp.GetRequiredService<LetterDispatcher>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new FollowUpService(sp.GetRequiredService<LetterDispatcher>(), sp.GetRequiredService<LeaderStore>(), sp.GetRequiredService<IDistrictCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LeaderQueries(sp.GetRequiredService<LeaderStore>()));
        services.TryAddSingleton(sp => new MembershipService(sp.GetRequiredService<LeaderStore>(), sp.GetRequiredService<IDistrictCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new OptOutService(sp.GetRequiredService<LeaderStore>(), sp.GetRequiredService<IUnsubscribeTokens>()));
        services.TryAddSingleton<IWorkItemSender>(sp => new QueueWorkItemSender(sp.GetRequiredService<Storage.Queues.QueueServiceClient>(), sp.GetRequiredService<StorageInitializer>()));
        services.TryAddSingleton(sp => new LeaderCsvParser(sp.GetRequiredService<IDistrictCatalog>()));
        return services;
    }
}
