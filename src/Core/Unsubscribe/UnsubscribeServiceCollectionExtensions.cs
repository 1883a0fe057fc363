using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Unsubscribe;

/// <summary>Registers <see cref="IUnsubscribeTokens"/>.</summary>
public static class UnsubscribeServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Outreach:Unsubscribe</c> (signing key, previous keys) and <c>Outreach:PublicBaseUrl</c>, validates them at
    /// start and registers <see cref="IUnsubscribeTokens"/>.
    /// </summary>
    public static IServiceCollection AddOutreachUnsubscribe(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<UnsubscribeOptions>()
            .Bind(configuration.GetSection(UnsubscribeOptions.Section))
            .Configure(options => options.PublicBaseUrl = configuration[UnsubscribeOptions.PublicBaseUrlKey] ?? "")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<UnsubscribeOptions>, UnsubscribeOptionsValidator>());
        services.TryAddSingleton<IUnsubscribeTokens, HmacUnsubscribeTokens>();
        return services;
    }
}
