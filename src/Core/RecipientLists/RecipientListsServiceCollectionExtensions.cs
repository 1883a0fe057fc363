using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Core.Campaigns;
using Outreach.Core.Imports;
using Outreach.Core.Storage;

namespace Outreach.Core.RecipientLists;

/// <summary>Registers the uploaded recipient lists.</summary>
public static class RecipientListsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the uploaded recipient lists: <see cref="RecipientListService"/>, its parser (with the limits of
    /// <c>Outreach:Imports</c>, bound and validated by <c>AddOutreachDiscovery</c>) and the <c>recipientlists</c> table.
    /// </summary>
    public static IServiceCollection AddOutreachRecipientLists(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<CsvImportOptions>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new RecipientListCsvParser(sp.GetRequiredService<IOptions<CsvImportOptions>>()));
        services.TryAddSingleton<IRecipientListRepository>(sp => new TableRecipientListRepository(sp.GetRequiredService<TableServiceClient>()));
        services.TryAddSingleton(sp => new RecipientListService(
            sp.GetRequiredService<IRecipientListRepository>(),
            sp.GetRequiredService<ICampaignRepository>(),
            sp.GetRequiredService<RecipientListCsvParser>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
