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

public sealed class GraphRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IDistrictCatalog, TestDistricts>()
            .AddSingleton<IDiscoveryCursorStore, InMemoryCursorStore>()
            .AddOutreachDiscovery(configuration)
            .BuildServiceProvider();
    }

    [Fact]
    public void AddOutreachDiscovery_GraphAndSharePointEnabled_BindsRulesAndRegistersBothSources()
    {
        using var provider = Build(new()
        {
            ["Outreach:Sources:Graph:Enabled"] = "true",
            ["Outreach:Sources:Graph:BaseUrl"] = "http://127.0.0.1:1/v1.0",
            ["Outreach:Sources:Graph:JobTitleContains:0"] = "leder",
            ["Outreach:Sources:Graph:JobTitleContains:1"] = "souschef",
            ["Outreach:Sources:Graph:HiredWithinDays"] = "30",
            ["Outreach:Sources:Graph:DistrictByDepartment:Aalborg Kommune"] = "nordjylland",
            ["Outreach:Sources:SharePoint:Enabled"] = "true",
            ["Outreach:Sources:SharePoint:SiteId"] = "contoso.sharepoint.com,1,2",
            ["Outreach:Sources:SharePoint:ListId"] = "new-leaders",
            ["Outreach:Sources:SharePoint:District"] = "storkobenhavn",
        });

        var names = provider.GetServices<ILeaderSource>().Select(source => source.Name);

        Assert.Equal(["graph", "sharepoint"], names);
        var graph = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Outreach.Core.Discovery.Graph.GraphLeaderSourceOptions>>().Value;
        Assert.Equal(["leder", "souschef"], graph.JobTitleContains);
        Assert.Equal(30, graph.HiredWithinDays);
        Assert.Equal("nordjylland", graph.DistrictByDepartment["aalborg kommune"]);
    }

    [Fact]
    public void AddOutreachDiscovery_GraphWithoutJobTitleRules_FailsValidationNamingTheKey()
    {
        using var provider = Build(new()
        {
            ["Outreach:Sources:Graph:Enabled"] = "true",
            ["Outreach:Sources:Graph:ClientSecret"] = "secret",
        });

        var exception = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Outreach.Core.Discovery.Graph.GraphLeaderSourceOptions>>().Value);

        Assert.Contains(exception.Failures, failure => failure.Contains("JobTitleContains", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("Outreach:Sources:Graph:TenantId", StringComparison.Ordinal));
    }
}
