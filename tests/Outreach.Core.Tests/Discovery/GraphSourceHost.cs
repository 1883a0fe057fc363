using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;

namespace Outreach.Core.Tests.Discovery;

/// <summary>
/// The Graph and SharePoint sources as the app registers them (AddOutreachDiscovery: IHttpClientFactory client, Graph
/// middleware, resilience pipeline, credential), pointed at a fake Graph by configuration.
/// </summary>
internal static class GraphSourceHost
{
    public const string Token = "fake-graph-token";

    public static ServiceProvider Build(IDictionary<string, string?> settings, TimeProvider time, IDiscoveryCursorStore cursors, ILoggerProvider? logs = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging(logging =>
            {
                if (logs is not null)
                {
                    logging.AddProvider(logs);
                }
            })
            .AddSingleton<IDistrictCatalog, TestDistricts>()
            .AddSingleton(cursors)
            .AddSingleton(time)
            .AddSingleton<TokenCredential>(new Testing.Graph.StaticTokenCredential(Token))
            .AddOutreachDiscovery(configuration)
            .BuildServiceProvider();
    }
}
