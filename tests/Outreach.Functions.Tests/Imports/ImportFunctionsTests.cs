using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Functions.Imports;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.Imports;

/// <summary>Staff imports: leaders (with their welcomes queued) and the membership export.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class ImportFunctionsTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task ImportLeaders_GoodCsv_StoresThemDiscoveredAndQueuesOneWelcomeEach()
    {
        // Arrange
        var (first, second) = (TestLeaders.Unique("anna"), TestLeaders.Unique("bo"));

        // Act
        var imported = await TestLeaders.ImportAsync(fixture.Services, $"""
            storkobenhavn,{first},Anna Østergård,{first}@example.org,Forstander,Bostedet Lyngen,København,2026-11-02,yes
            storkobenhavn,{second},Bo <b>Ærø</b>,{second}@example.org,Afdelingsleder,Værestedet Kastanjen,Tårnby,2026-11-09,no

            """);

        // Assert
        Assert.Equal(200, imported.Status);
        Assert.Equal(2, imported.Json["discovered"]!.GetValue<int>());
        Assert.Equal(2, imported.Json["welcomesQueued"]!.GetValue<int>());
        var ids = new[] { await TestLeaders.LeaderIdAsync(fixture.Services, first + "@example.org"), await TestLeaders.LeaderIdAsync(fixture.Services, second + "@example.org") };
        Assert.Equal("Bo <b>Ærø</b>", (await TestLeaders.GetAsync(fixture.Services, ids[1])).Name);
        var queued = await QueuedWelcomeLeaderIdsAsync();
        Assert.All(ids, id => Assert.Contains(id, queued));
    }

    [Fact]
    public async Task ImportLeaders_BadRowAllOrNothing_Answers422NamingTheLineAndStoresNothing()
    {
        // Arrange
        var (good, bad) = (TestLeaders.Unique("god"), TestLeaders.Unique("daarlig"));

        // Act
        var imported = await TestLeaders.ImportAsync(fixture.Services, $"""
            storkobenhavn,{good},Gitte Hansen,{good}@example.org,Leder,Børnehuset Solsikken,Dragør,2026-11-02,no
            storkobenhavn,{bad},Dorte Hansen,not-an-email,Leder,Børnehuset Solsikken,Dragør,2026-13-40,maybe

            """);
        var leaders = await fixture.Services.GetRequiredService<LeaderQueries>().ListAsync(new LeaderQuery { District = "storkobenhavn", Limit = 1000 });

        // Assert
        Assert.Equal(422, imported.Status);
        Assert.Equal("application/problem+json", imported.MediaType);
        Assert.Contains(imported.Json["rows"]!.AsArray(), row => row!["line"]!.GetValue<int>() == 3);
        Assert.DoesNotContain(leaders, leader => leader.Email.StartsWith(good, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportLeaders_UnknownMode_Answers400NamingMode()
    {
        // Act
        var imported = await TestLeaders.ImportAsync(fixture.Services, "", "?mode=some-rows");

        // Assert
        Assert.Equal(400, imported.Status);
        Assert.NotNull(imported.Json["errors"]!["mode"]);
    }

    [Fact]
    public async Task ImportMembers_KnownEmailInCapitals_MovesTheLeaderToJoined()
    {
        // Arrange
        var person = TestLeaders.Unique("ejner");
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, person);
        var request = HttpCalls.StaffRequest(fixture.Services, "POST", "/api/staff/imports/members", $"""
            district,email,joinedOn
            storkobenhavn,{person.ToUpperInvariant()}@EXAMPLE.ORG,2026-12-01

            """, "text/csv");

        // Act
        var imported = await HttpCalls.CallAsync(request, request => fixture.Create<ImportFunctions>().ImportMembersAsync(request, default));

        // Assert
        Assert.Equal(200, imported.Status);
        Assert.Equal(1, imported.Json["joined"]!.GetValue<int>());
        Assert.Equal(LeaderState.Joined, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    private async Task<HashSet<string>> QueuedWelcomeLeaderIdsAsync()
    {
        var options = new QueueClientOptions(QueueClientOptions.ServiceVersion.V2025_05_05) { MessageEncoding = QueueMessageEncoding.Base64 };
        var queue = new QueueClient(fixture.ConnectionString, "welcome-letters", options);
        var peeked = await queue.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(message => System.Text.Json.Nodes.JsonNode.Parse(message.MessageText)!["leaderId"]!.GetValue<string>())];
    }
}
