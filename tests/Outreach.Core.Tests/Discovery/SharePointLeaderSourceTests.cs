using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Discovery;
using Outreach.Core.Discovery.Graph;
using Outreach.Testing.Graph;

namespace Outreach.Core.Tests.Discovery;

public sealed class SharePointLeaderSourceTests : IAsyncLifetime
{
    private const string SiteId = "contoso.sharepoint.com,2c712f4f-6a2b-4e2b-9f5e-0f1d5a6b7c8d,2d2244b3-1a2b-4c5d-8e9f-0a1b2c3d4e5f";
    private const string ListId = "243b6c1e-3f0a-4a4e-9b8d-7c6f5e4d3c2b";

    private FakeGraphServer graph = null!;
    private ServiceProvider? provider;

    public async Task InitializeAsync() => graph = await FakeGraphServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        await graph.DisposeAsync();
    }

    private SharePointLeaderSource CreateSource()
    {
        provider = GraphSourceHost.Build(
            new Dictionary<string, string?>
            {
                ["Outreach:Sources:SharePoint:Enabled"] = "true",
                ["Outreach:Sources:SharePoint:BaseUrl"] = graph.BaseUrl,
                ["Outreach:Sources:SharePoint:SiteId"] = SiteId,
                ["Outreach:Sources:SharePoint:ListId"] = ListId,
                ["Outreach:Sources:SharePoint:District"] = "nordjylland",
                ["Outreach:Sources:SharePoint:Columns:Name"] = "Title",
                ["Outreach:Sources:SharePoint:Columns:Email"] = "Mail",
                ["Outreach:Sources:SharePoint:Columns:HireDate"] = "Ansat",
                ["Outreach:Sources:SharePoint:Columns:Member"] = "Medlem",
                ["Outreach:Sources:SharePoint:Columns:Workplace"] = "Arbejdssted",
                ["Outreach:Sources:SharePoint:Columns:Municipality"] = "Kommune",
                ["Outreach:Sources:SharePoint:Columns:JobTitle"] = "Stilling",
                ["Outreach:Sources:SharePoint:Columns:District"] = "Kreds",
            },
            TimeProvider.System,
            new InMemoryCursorStore());
        return provider.GetRequiredService<SharePointLeaderSource>();
    }

    [Fact]
    public async Task ReadAsync_PagedList_MapsConfiguredColumnsAndReportsBadItems()
    {
        graph.SetListItems(SiteId, ListId,
        [
            new JsonObject { ["Title"] = "Birthe Kjærsgaard", ["Mail"] = "birthe@example.net", ["Stilling"] = "Forstander", ["Arbejdssted"] = "Bofællesskabet Hjortø", ["Kommune"] = "Aalborg", ["Ansat"] = "2026-10-01T00:00:00Z", ["Medlem"] = "ja" },
            new JsonObject { ["Title"] = "Rasmus Nørgaard", ["Mail"] = "rasmus@example.net", ["Ansat"] = "2026-11-10", ["Medlem"] = false, ["Kreds"] = "storkobenhavn" },
            new JsonObject { ["Title"] = "Line Aabjørn", ["Mail"] = "not-an-address", ["Medlem"] = "måske" },
        ]);

        var result = await CreateSource().ReadAsync();

        Assert.Equal(2, graph.Requests.Count);
        Assert.All(graph.Requests, request => Assert.EndsWith("/items", request.Path, StringComparison.Ordinal));
        Assert.Contains("fields", Uri.UnescapeDataString(graph.Requests[0].Query), StringComparison.Ordinal);
        Assert.Collection(
            result.Leaders,
            birthe =>
            {
                Assert.Equal(("1", "nordjylland", "Birthe Kjærsgaard", "birthe@example.net", "sharepoint"), (birthe.SourceId, birthe.District, birthe.Name, birthe.Email, birthe.Source));
                Assert.Equal(("Forstander", "Bofællesskabet Hjortø", "Aalborg", new DateOnly(2026, 10, 1), MembershipStatus.Member), (birthe.JobTitle, birthe.Workplace, birthe.Municipality, birthe.HireDate, birthe.Membership));
            },
            rasmus =>
            {
                Assert.Equal(("2", "storkobenhavn", new DateOnly(2026, 11, 10), MembershipStatus.NonMember), (rasmus.SourceId, rasmus.District, rasmus.HireDate, rasmus.Membership));
            });
        var problem = Assert.Single(result.Problems);
        Assert.Equal("3", problem.Item);
        Assert.Contains("Mail (email) is not a valid", problem.Reason, StringComparison.Ordinal);
        Assert.Contains("Medlem (member) 'måske'", problem.Reason, StringComparison.Ordinal);
    }
}
