using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Imports;
using Outreach.Core.Letters;
using Outreach.Core.Membership;
using Outreach.Core.OptOuts;
using Outreach.Core.PrintLetters;
using Outreach.Core.Storage;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Leaders;

/// <summary>Registers the leader flows (discovery, welcome, follow-up, membership, opt-outs and the staff queries) and their storage adapters.</summary>
public static class LeadersServiceCollectionExtensions
{
    /// <summary>Registers the flows; storage, districts, templates, mail, discovery and unsubscribe must be registered too.</summary>
    public static IServiceCollection AddOutreachLeaders(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ILeaderRepository, TableLeaderRepository>();
        services.TryAddSingleton<IDeliveryRepository, TableDeliveryRepository>();
        services.TryAddSingleton<ISuppressionList, TableSuppressionList>();
        services.TryAddSingleton<IOptOutRepository, TableOptOutRepository>();
        services.TryAddSingleton<ILetterQueue, QueueLetterQueue>();
        services.TryAddSingleton(sp => new LetterDispatcher(
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<IDeliveryRepository>(),
            sp.GetRequiredService<ISuppressionList>(),
            sp.GetRequiredService<IOptOutRepository>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ILetterRenderer>(),
            sp.GetRequiredService<IMailSender>(),
            sp.GetRequiredService<IPrintLetterWriter>(),
            sp.GetRequiredService<IUnsubscribeTokens>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LetterDispatcher>>()));
        services.TryAddSingleton(sp => new DiscoveryService(
            sp.GetServices<ILeaderSource>(),
            sp.GetRequiredService<LeaderCsvParser>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<ILetterQueue>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DiscoveryService>>()));
        services.TryAddSingleton(sp => new WelcomeService(sp.GetRequiredService<LetterDispatcher>()));
        services.TryAddSingleton(sp => new FollowUpService(
            sp.GetRequiredService<LetterDispatcher>(), sp.GetRequiredService<ILeaderRepository>(), sp.GetRequiredService<IDistrictCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new LeaderQueries(sp.GetRequiredService<ILeaderRepository>(), sp.GetRequiredService<IDistrictCatalog>()));
        services.TryAddSingleton(sp => new MembershipService(sp.GetRequiredService<ILeaderRepository>(), sp.GetRequiredService<IDistrictCatalog>(), sp.GetRequiredService<MembershipCsvParser>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new OptOutService(
            sp.GetRequiredService<IOptOutRepository>(),
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<IUnsubscribeTokens>(),
            sp.GetRequiredService<TimeProvider>()));
        // Default limits where AddOutreachDiscovery (which binds Outreach:Imports) has not registered the parsers already.
        services.TryAddSingleton(sp => new LeaderCsvParser(sp.GetRequiredService<IDistrictCatalog>()));
        services.TryAddSingleton(sp => new MembershipCsvParser(sp.GetRequiredService<IDistrictCatalog>()));
        return services;
    }
}
