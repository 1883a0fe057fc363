using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core;
using Outreach.Core.Privacy;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Http;
using Outreach.Functions.Leaders;
using Outreach.Functions.Newsletters;
using Outreach.Functions.Operations;
using Outreach.Functions.RecipientLists;
using Outreach.Functions.Staff;
using Outreach.Functions.Suppressions;

namespace Outreach.Functions.Hosting;

/// <summary>Everything the functions need besides the worker itself; Program and the tests call the same method.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>Registers Core, the staff options and authenticator, the public rate limiter, problem details and the JSON contexts of the HTTP functions.</summary>
    public static IServiceCollection AddOutreachFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOutreachCore(configuration);
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidator>();
        services.AddSingleton<StaffAuthenticator>();
        services.AddOptions<PublicRateLimitOptions>().Bind(configuration.GetSection(PublicRateLimitOptions.Section))
            .Validate(options => options.IsValid, PublicRateLimitOptions.InvalidMessage).ValidateOnStart();
        services.AddSingleton<PublicRateLimiter>();
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, LeaderJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, StaffJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SuppressionJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, OperationsJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, PrivacyJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, RecipientListJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, NewsletterJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, CampaignJsonContext.Default);
        });
        return services;
    }
}
