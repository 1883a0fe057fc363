using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.CampaignSending;
using Outreach.Core.OptOuts;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;

namespace Outreach.Core.Privacy;

/// <summary>Registers data protection: export, erasure and the retention sweep.</summary>
public static class PrivacyServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Outreach:Privacy:HashKey</c> (at least <see cref="PrivacyOptions.MinHashKeyLength"/> characters) and
    /// <c>Outreach:Retention:Months</c> (1 to 120), both validated at start, and registers <see cref="PrivacyService"/> with
    /// its audit table. The leader flows (<c>AddOutreachLeaders</c>), the recipient lists and campaign sending (whose
    /// stores it reads and erases from) must be registered too.
    /// </summary>
    public static IServiceCollection AddOutreachPrivacy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.Section))
            .Validate(options => options.HashKey.Trim().Length >= PrivacyOptions.MinHashKeyLength,
                $"{PrivacyOptions.Section}:HashKey must be a secret of at least {PrivacyOptions.MinHashKeyLength} characters.")
            .ValidateOnStart();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(options => options.Months is >= 1 and <= 120, $"{RetentionOptions.Section}:Months must be between 1 and 120.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AddressKeyedHash>();
        services.TryAddSingleton<IPrivacyAuditLog, TablePrivacyAuditLog>();
        services.TryAddSingleton<ICampaignDeliveryErasure, TableCampaignBatchStore>();
        services.TryAddSingleton(sp => new PrivacyService(
            sp.GetRequiredService<ILeaderRepository>(),
            sp.GetRequiredService<IDeliveryRepository>(),
            sp.GetRequiredService<ISuppressionList>(),
            sp.GetRequiredService<IOptOutRepository>(),
            sp.GetRequiredService<IRecipientListRepository>(),
            sp.GetRequiredService<ICampaignBatchStore>(),
            sp.GetRequiredService<ICampaignDeliveryErasure>(),
            sp.GetRequiredService<IPrivacyAuditLog>(),
            sp.GetRequiredService<IDistrictCatalog>(),
            sp.GetRequiredService<IOptions<RetentionOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<PrivacyService>>()));
        return services;
    }
}
