using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Unsubscribe;

/// <summary>What a person can opt out of.</summary>
public enum OptOutCategory
{
    /// <summary>Welcome and follow-up letters (the outreach).</summary>
    Outreach = 1,

    /// <summary>The monthly newsletter.</summary>
    Newsletter = 2,

    /// <summary>Campaigns (meetings, annual meeting, elections).</summary>
    Campaigns = 3,

    /// <summary>Everything.</summary>
    All = 4,
}

/// <summary>What a valid token names.</summary>
/// <param name="District">District code.</param>
/// <param name="EmailHash">The <see cref="Email.EmailAddresses.Hash"/> of the recipient's address.</param>
/// <param name="Category">The category the link opts out of.</param>
public sealed record UnsubscribeClaim(string District, string EmailHash, OptOutCategory Category);

/// <summary>
/// Creates and verifies personal unsubscribe links: an HMAC-SHA256 token (key <c>Outreach:Unsubscribe:SigningKey</c>)
/// over district, address hash and category, under <c>Outreach:PublicBaseUrl</c>. A token cannot be forged or widened.
/// </summary>
public interface IUnsubscribeTokens
{
    /// <summary>The token for one person and category.</summary>
    string CreateToken(string district, string email, OptOutCategory category);

    /// <summary>The personal link (<c>{PublicBaseUrl}/api/public/unsubscribe?token=…</c>).</summary>
    Uri CreateLink(string district, string email, OptOutCategory category);

    /// <summary>Returns the claim of a valid token, or null for a forged, altered or malformed one.</summary>
    UnsubscribeClaim? Verify(string? token);
}

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
