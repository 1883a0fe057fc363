using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Outreach.Core.Templates;

namespace Outreach.Core.CampaignRendering;

/// <summary>Registers the campaign rendering (Markdown and templates in the district's layout).</summary>
public static class CampaignRenderingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ICampaignRenderer"/> over the letters' templates folder (<c>Outreach:Templates:Path</c>, via
    /// <see cref="TemplatesServiceCollectionExtensions.AddOutreachTemplates"/>); the campaign layouts and named campaign
    /// templates are checked when the host starts.
    /// </summary>
    public static IServiceCollection AddOutreachCampaignRendering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOutreachTemplates(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ScribanCampaignRenderer>();
        services.TryAddSingleton<ICampaignRenderer>(sp => sp.GetRequiredService<ScribanCampaignRenderer>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CampaignTemplateStartupCheck>());
        return services;
    }
}
