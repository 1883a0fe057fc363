using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.OptOuts;
using Outreach.Core.Storage;
using Outreach.Core.Suppressions;

namespace Outreach.Core.ProviderEvents;

/// <summary>Registers the Event Webhook and the staff suppression list.</summary>
public static class ProviderEventsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Outreach:SendGrid:WebhookPublicKey</c> (validated at start), registers <see cref="WebhookSignatureVerifier"/>,
    /// <see cref="ProviderEventService"/>, <see cref="SuppressionService"/> and their table adapters. The leader flows
    /// (<c>AddOutreachLeaders</c>) must be registered too.
    /// </summary>
    public static IServiceCollection AddOutreachProviderEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ProviderEventOptions>().Bind(configuration.GetSection(ProviderEventOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProviderEventOptions>, ProviderEventOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<WebhookSignatureVerifier>();
        services.TryAddSingleton<IProcessedEventStore, TableProcessedEventStore>();
        services.TryAddSingleton<IProviderEventCounters, TableProviderEventCounters>();
        services.TryAddSingleton(sp => new ProviderEventService(
            sp.GetRequiredService<WebhookSignatureVerifier>(),
            sp.GetRequiredService<IProcessedEventStore>(),
            sp.GetRequiredService<IProviderEventCounters>(),
            sp.GetRequiredService<IDeliveryRepository>(),
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<ISuppressionList>(),
            sp.GetRequiredService<OptOutService>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ProviderEventService>>()));
        services.TryAddSingleton(sp => new SuppressionService(sp.GetRequiredService<ISuppressionList>()));
        return services;
    }
}
