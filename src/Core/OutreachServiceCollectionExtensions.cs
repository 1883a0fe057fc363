using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Newsletters;
using Outreach.Core.Operations;
using Outreach.Core.PrintLetters;
using Outreach.Core.Privacy;
using Outreach.Core.ProviderEvents;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Core.Templates;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core;

/// <summary>The one call that registers everything the outreach backend needs.</summary>
public static class OutreachServiceCollectionExtensions
{
    /// <summary>Registers every feature of Outreach.Core, each with its options bound from <paramref name="configuration"/> and validated at start.</summary>
    public static IServiceCollection AddOutreachCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        // Fails at start, not in the first letter, when the machine has no Europe/Copenhagen.
        _ = CopenhagenTime.Zone;
        services.AddOutreachStorage(configuration);
        services.AddOutreachDistricts(configuration);
        services.AddOutreachTemplates(configuration);
        services.AddOutreachMail(configuration);
        services.AddOutreachPrintLetters(configuration);
        services.AddOutreachUnsubscribe(configuration);
        services.AddOutreachDiscovery(configuration);
        services.AddOutreachLeaders();
        services.AddOutreachProviderEvents(configuration);
        services.AddOutreachOperations();
        services.AddOutreachPrivacy(configuration);
        services.AddOutreachCampaignRendering(configuration);
        services.AddOutreachRecipientLists(configuration);
        services.AddOutreachCampaigns(configuration);
        services.AddOutreachNewsletters(configuration);
        services.AddOutreachCampaignSending(configuration);
        return services;
    }
}
