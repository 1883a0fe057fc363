using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;

namespace Outreach.Core.Tests.Discovery;

public sealed class DiscoveryRegistrationTests
{
    [Fact]
    public void AddOutreachDiscovery_RelativeFilePath_ResolvesAgainstAppRootAndRegistersFileSource()
    {
        var root = Path.Combine(Path.GetTempPath(), "outreach-app-root");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["FUNCTIONS_APP_ROOT_PATH"] = root,
            ["Outreach:Sources:File"] = "samples/leaders.csv",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IDistrictCatalog, TestDistricts>();

        using var provider = services.AddOutreachDiscovery(configuration).BuildServiceProvider();

        var source = Assert.Single(provider.GetServices<ILeaderSource>());
        Assert.Equal("file", source.Name);
        Assert.Equal(Path.Combine(root, "samples", "leaders.csv"), provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<FileLeaderSourceOptions>>().Value.Path);
    }

    [Fact]
    public void AddOutreachDiscovery_NothingConfigured_RegistersNoSourceButTheParser()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IDistrictCatalog, TestDistricts>();

        using var provider = services.AddOutreachDiscovery(configuration).BuildServiceProvider();

        Assert.Empty(provider.GetServices<ILeaderSource>());
        Assert.NotNull(provider.GetService<LeaderCsvParser>());
    }
}
