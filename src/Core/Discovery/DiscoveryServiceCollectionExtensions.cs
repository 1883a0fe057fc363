// STUB (contract): the discovery-sources feature fills this in.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Discovery;

/// <summary>Registers the configured leader sources.</summary>
public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="ILeaderSource"/> per configured source: the file source when <c>Outreach:Sources:File</c>
    /// is set, Graph when <c>Outreach:Sources:Graph</c> is configured, SharePoint lists under <c>Outreach:Sources:SharePoint</c>.
    /// </summary>
    public static IServiceCollection AddOutreachDiscovery(this IServiceCollection services, IConfiguration configuration) => services;
}
