using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Graph.Models.ODataErrors;
using Outreach.Core.Discovery.Graph;
using Outreach.Testing.Graph;
using Outreach.Testing.Logging;

namespace Outreach.Core.Tests.Discovery;

public sealed class GraphLeaderSourceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private readonly InMemoryCursorStore cursors = new();
    private readonly RecordingLoggerProvider logs = new();
    private readonly List<ServiceProvider> providers = [];
    private FakeGraphServer graph = null!;

    public async Task InitializeAsync() => graph = await FakeGraphServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await graph.DisposeAsync();
    }

    private GraphLeaderSource CreateSource(int maxRetries = 3)
    {
        var provider = GraphSourceHost.Build(
            new Dictionary<string, string?>
            {
                ["Outreach:Sources:Graph:Enabled"] = "true",
                ["Outreach:Sources:Graph:BaseUrl"] = graph.BaseUrl,
                ["Outreach:Sources:Graph:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
                ["Outreach:Sources:Graph:HiredWithinDays"] = "60",
                ["Outreach:Sources:Graph:JobTitleContains:0"] = "leder",
                ["Outreach:Sources:Graph:JobTitleContains:1"] = "souschef",
                ["Outreach:Sources:Graph:JobTitlePatterns:0"] = "^forstander$",
                ["Outreach:Sources:Graph:JobTitleExcludes:0"] = "lederassistent",
                ["Outreach:Sources:Graph:DistrictByDepartment:Børn og Unge, Københavns Kommune"] = "storkobenhavn",
                ["Outreach:Sources:Graph:DistrictByCompany:Aalborg Kommune"] = "nordjylland",
            },
            new FakeTimeProvider(Now),
            cursors,
            logs);
        providers.Add(provider);
        return provider.GetRequiredService<GraphLeaderSource>();
    }

    private static JsonObject User(string id, string name, string? jobTitle, string? hired = "2026-11-15T00:00:00Z", string? department = "Børn og Unge, Københavns Kommune", string? company = null, bool enabled = true) => new()
    {
        ["id"] = id,
        ["displayName"] = name,
        ["mail"] = id + "@example.org",
        ["userPrincipalName"] = id + "@contoso.example",
        ["jobTitle"] = jobTitle,
        ["department"] = department,
        ["companyName"] = company,
        ["officeLocation"] = "Bostedet Lærkevej",
        ["employeeHireDate"] = hired,
        ["accountEnabled"] = enabled,
    };

    [Fact]
    public async Task ReadAsync_FirstRun_FollowsEveryNextLinkAndSavesTheDeltaLink()
    {
        graph.UsersPageSize = 2;
        graph.UpsertUser(User("u1", "Mette Søndergaard", "Afdelingsleder"));
        graph.UpsertUser(User("u2", "Jonas Ærebo", "Pædagog"));
        graph.UpsertUser(User("u3", "Signe Løvgreen", "Institutionsleder"));
        graph.UpsertUser(User("u4", "Ahmed Østergård", "Souschef"));
        graph.UpsertUser(User("u5", "Birthe Kjærsgaard", "Forstander", company: "Aalborg Kommune", department: null));

        var result = await CreateSource().ReadAsync();

        Assert.Equal(["u1", "u3", "u4", "u5"], result.Leaders.Select(leader => leader.SourceId));
        Assert.Equal(3, graph.Requests.Count);
        var first = graph.Requests[0];
        Assert.Equal("/v1.0/users/delta()", first.Path);
        Assert.Contains("employeeHireDate", Uri.UnescapeDataString(first.Query), StringComparison.Ordinal);
        Assert.Contains("$skiptoken=", graph.Requests[1].Query, StringComparison.Ordinal);
        Assert.StartsWith(graph.BaseUrl + "/users/delta?$deltatoken=", await cursors.GetAsync(GraphLeaderSource.DeltaCursorKey), StringComparison.Ordinal);
        var mette = result.Leaders[0];
        Assert.Equal(("storkobenhavn", "Mette Søndergaard", "u1@example.org", "graph", new DateOnly(2026, 11, 15), "Bostedet Lærkevej"), (mette.District, mette.Name, mette.Email, mette.Source, mette.HireDate, mette.Workplace));
        Assert.Equal("nordjylland", result.Leaders[3].District);
    }

    [Fact]
    public async Task ReadAsync_SecondRun_UsesTheSavedDeltaLinkAndReturnsOnlyChanges()
    {
        graph.UpsertUser(User("u1", "Mette Søndergaard", "Afdelingsleder"));
        graph.UpsertUser(User("u2", "Jonas Ærebo", "Institutionsleder"));
        var source = CreateSource();
        await source.ReadAsync();
        var savedLink = await cursors.GetAsync(GraphLeaderSource.DeltaCursorKey);
        graph.UpsertUser(User("u3", "Line Aabjørn", "Leder"));

        var second = await source.ReadAsync();

        Assert.Equal("u3", Assert.Single(second.Leaders).SourceId);
        Assert.Equal(new Uri(savedLink!).Query, graph.Requests[^1].Query);
        Assert.NotEqual(savedLink, await cursors.GetAsync(GraphLeaderSource.DeltaCursorKey));
        var third = await source.ReadAsync();
        Assert.Empty(third.Leaders);
    }

    [Theory]
    [InlineData(410)]
    [InlineData(400)]
    public async Task ReadAsync_SavedDeltaLinkRejected_DoesAFullResyncAndSavesANewLink(int status)
    {
        graph.UpsertUser(User("u1", "Mette Søndergaard", "Afdelingsleder"));
        var source = CreateSource();
        await source.ReadAsync();
        graph.RejectIssuedDeltaLinks(status);
        graph.UpsertUser(User("u2", "Jonas Ærebo", "Institutionsleder"));

        var resync = await source.ReadAsync();

        Assert.Equal(["u1", "u2"], resync.Leaders.Select(leader => leader.SourceId).Order());
        Assert.Contains(graph.Requests, request => request.Status == status);
        Assert.Equal("/v1.0/users/delta()", graph.Requests[^1].Path);
        Assert.Empty((await source.ReadAsync()).Leaders);
    }

    [Fact]
    public async Task ReadAsync_UserDeleted_IsReportedAsRemovedSourceId()
    {
        graph.UpsertUser(User("u1", "Mette Søndergaard", "Afdelingsleder"));
        graph.UpsertUser(User("u2", "Jonas Ærebo", "Institutionsleder"));
        var source = CreateSource();
        await source.ReadAsync();
        graph.RemoveUser("u2", "changed");

        var result = await source.ReadAsync();

        Assert.Empty(result.Leaders);
        Assert.Equal("u2", Assert.Single(result.RemovedSourceIds));
    }

    [Fact]
    public async Task ReadAsync_Throttled_WaitsForRetryAfterAndSucceeds()
    {
        graph.UpsertUser(User("u1", "Mette Søndergaard", "Afdelingsleder"));
        graph.Throttle(times: 1, retryAfterSeconds: "2");
        var source = CreateSource();
        var stopwatch = Stopwatch.StartNew();

        var result = await source.ReadAsync();

        Assert.Equal("u1", Assert.Single(result.Leaders).SourceId);
        Assert.Equal([429, 200], graph.Requests.Select(request => request.Status));
        Assert.Contains("Graph request of source graph answered 429; retry 1 in 00:00:02", logs.Text, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromSeconds(1.9), $"retried after {stopwatch.Elapsed}");

        // One retry layer: Graph's own RetryHandler (which sends Retry-Attempt) is not in the pipeline.
        Assert.All(graph.Requests, request => Assert.Null(request.RetryAttempt));
        Assert.All(graph.Requests, request => Assert.Equal("Bearer " + GraphSourceHost.Token, request.Authorization));
    }

    [Fact]
    public async Task ReadAsync_ThrottledBeyondTheRetryBound_ThrowsTheThrottlingAndSavesNoCursor()
    {
        graph.UpsertUser(User("u1", "Mette Søndergaard", "Afdelingsleder"));
        graph.Throttle(times: 10, retryAfterSeconds: "1");

        var error = await Assert.ThrowsAsync<ODataError>(() => CreateSource(maxRetries: 1).ReadAsync());

        Assert.Equal((429, "TooManyRequests"), (error.ResponseStatusCode, error.Error?.Code));
        Assert.Equal(2, graph.Requests.Count);
        Assert.Null(await cursors.GetAsync(GraphLeaderSource.DeltaCursorKey));
    }

    [Fact]
    public async Task ReadAsync_JobTitleAndHireDateRules_SelectOnlyRecentlyHiredLeaders()
    {
        graph.UsersPageSize = 20;
        graph.UpsertUser(User("recent", "Mette Søndergaard", "AFDELINGSLEDER", hired: "2026-11-20T00:00:00Z"));
        graph.UpsertUser(User("future", "Jonas Ærebo", "Souschef", hired: "2027-01-01T00:00:00Z"));
        graph.UpsertUser(User("old", "Signe Løvgreen", "Institutionsleder", hired: "2025-01-01T00:00:00Z"));
        graph.UpsertUser(User("nodate", "Ahmed Østergård", "Leder", hired: null));
        graph.UpsertUser(User("pedagogue", "Birthe Kjærsgaard", "Pædagog"));
        graph.UpsertUser(User("assistant", "Rasmus Nørgaard", "Lederassistent"));
        graph.UpsertUser(User("disabled", "Line Aabjørn", "Afdelingsleder", enabled: false));
        graph.UpsertUser(User("pattern", "Søren Mølgaard", "Forstander"));
        graph.UpsertUser(User("unmapped", "Karen Bøgh", "Afdelingsleder", department: "Odense Kommune"));

        var result = await CreateSource().ReadAsync();

        Assert.Equal(["future", "pattern", "recent"], result.Leaders.Select(leader => leader.SourceId).Order());
        var problem = Assert.Single(result.Problems);
        Assert.Equal("unmapped", problem.Item);
        Assert.Contains("district", problem.Reason, StringComparison.Ordinal);
    }
}
