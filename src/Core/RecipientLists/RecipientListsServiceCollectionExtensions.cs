using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.RecipientLists;

/// <summary>Registers the uploaded recipient lists.</summary>
public static class RecipientListsServiceCollectionExtensions
{
    /// <summary>Registers the uploaded recipient lists.</summary>
    public static IServiceCollection AddOutreachRecipientLists(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }
}
