using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Storage;

namespace Outreach.Functions.Tests.Leaders;

/// <summary>What staff do over HTTP: import leaders and members, read state and history, record decisions, see the funnel.</summary>
public sealed class StaffApiTests : IClassFixture<StaffApiFactory>
{
    private readonly StaffApiFactory factory;

    public StaffApiTests(StaffApiFactory factory) => this.factory = factory;

    [Fact]
    public async Task ImportLeaders_GoodCsv_ListsThemDiscoveredAndQueuesOneWelcomeEach()
    {
        // Arrange
        using var client = factory.CreateStaffClient();
        var (first, second) = (Unique("anna"), Unique("bo"));
        var csv = $"""
            {StaffApiCalls.LeadersHeader}
            storkobenhavn,{first},Anna Østergård,{first}@example.org,Forstander,Bostedet Lyngen,København,2026-11-02,yes
            storkobenhavn,{second},Bo <b>Ærø</b>,{second}@example.org,Afdelingsleder,Værestedet Kastanjen,Tårnby,2026-11-09,no
            """;

        // Act
        var imported = await StaffApiCalls.PostCsvAsync(client, "/api/staff/imports/leaders", csv);
        var leaders = await client.GetFromJsonAsync<JsonArray>(new Uri("/api/staff/leaders?district=storkobenhavn", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(2, imported.Body["discovered"]!.GetValue<int>());
        // Every leader of the district still waiting for a welcome is queued (the welcome is idempotent), not only the new ones.
        var waiting = leaders!.Count(leader => leader!["state"]!.GetValue<string>() == "Discovered");
        Assert.Equal(waiting, imported.Body["welcomesQueued"]!.GetValue<int>());
        var mine = leaders!.Select(leader => leader!.AsObject()).Where(leader => leader["email"]!.GetValue<string>() is var email && (email.StartsWith(first, StringComparison.Ordinal) || email.StartsWith(second, StringComparison.Ordinal))).ToList();
        Assert.Equal(2, mine.Count);
        Assert.All(mine, leader => Assert.Equal("Discovered", leader["state"]!.GetValue<string>()));
        Assert.Contains(mine, leader => leader["name"]!.GetValue<string>() == "Bo <b>Ærø</b>");
        var queued = await QueuedWelcomeLeaderIdsAsync();
        Assert.All(mine, leader => Assert.Contains(leader["leaderId"]!.GetValue<string>(), queued));
    }

    [Fact]
    public async Task ImportLeaders_BadRowAllOrNothing_Answers422NamingTheLineAndStoresNothing()
    {
        // Arrange
        using var client = factory.CreateStaffClient();
        var (good, bad) = (Unique("god"), Unique("daarlig"));
        var csv = $"""
            {StaffApiCalls.LeadersHeader}
            storkobenhavn,{good},Gitte Hansen,{good}@example.org,Leder,Børnehuset Solsikken,Dragør,2026-11-02,no
            storkobenhavn,{bad},Dorte Hansen,not-an-email,Leder,Børnehuset Solsikken,Dragør,2026-13-40,maybe
            """;

        // Act
        var imported = await StaffApiCalls.PostCsvAsync(client, "/api/staff/imports/leaders", csv);
        var leaders = await client.GetFromJsonAsync<JsonArray>(new Uri("/api/staff/leaders?district=storkobenhavn", UriKind.Relative));

        // Assert
        Assert.Equal((HttpStatusCode)422, imported.Status);
        Assert.Equal("application/problem+json", imported.ContentType);
        var rows = imported.Body["rows"]!.AsArray();
        Assert.Contains(rows, row => row!["line"]!.GetValue<int>() == 3);
        Assert.DoesNotContain(leaders!, leader => leader!["email"]!.GetValue<string>().StartsWith(good, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RecordDecision_DeclinedWithAReason_ChangesTheStateAndTheHistorySaysWhoAndWhy()
    {
        // Arrange
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", HandlerFactory.AdminMemberKey);
        var leaderId = await StaffApiCalls.ImportOneAsync(client, Unique("carl"), "no");

        // Act
        using var decided = await client.PostAsJsonAsync(
            new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}/decisions", UriKind.Relative),
            new { decision = "Declined", reason = "Har takket nej i telefonen" });
        var leader = await client.GetFromJsonAsync<JsonObject>(new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}", UriKind.Relative));
        var events = await client.GetFromJsonAsync<JsonArray>(new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}/events", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        Assert.Equal("Declined", leader!["state"]!.GetValue<string>());
        Assert.Contains(events!, change => change!["to"]!.GetValue<string>() == "Declined"
            && change["actor"]!.GetValue<string>() == "anne.admin"
            && change["reason"]!.GetValue<string>() == "Har takket nej i telefonen");
    }

    [Fact]
    public async Task RecordDecision_WithoutAReason_Answers400ProblemDetails()
    {
        // Arrange
        using var client = factory.CreateStaffClient();
        var leaderId = await StaffApiCalls.ImportOneAsync(client, Unique("dina"), "no");

        // Act
        using var decided = await client.PostAsJsonAsync(
            new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}/decisions", UriKind.Relative), new { decision = "Joined", reason = " " });

        var problem = await decided.Content.ReadFromJsonAsync<JsonObject>();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, decided.StatusCode);
        Assert.Equal("application/problem+json", decided.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(problem!["errors"]!["reason"]);
    }

    [Fact]
    public async Task RecordDecision_ReasonLongerThanTheHistoryKeeps_Answers400AndChangesNothing()
    {
        // Arrange
        using var client = factory.CreateStaffClient();
        var leaderId = await StaffApiCalls.ImportOneAsync(client, Unique("ejnar"), "no");
        var decisions = new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}/decisions", UriKind.Relative);

        // Act: twice, as a client retrying the first answer would.
        using var first = await client.PostAsJsonAsync(decisions, new { decision = "Declined", reason = new string('x', 100_000) });
        using var retry = await client.PostAsJsonAsync(decisions, new { decision = "Declined", reason = new string('x', 100_000) });
        var problem = await first.Content.ReadFromJsonAsync<JsonObject>();
        var leader = await client.GetFromJsonAsync<JsonObject>(new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}", UriKind.Relative));
        var history = await client.GetFromJsonAsync<JsonArray>(new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}/events", UriKind.Relative));

        // Assert
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (first.StatusCode, retry.StatusCode));
        Assert.NotNull(problem!["errors"]!["reason"]);
        Assert.Equal("Discovered", leader!["state"]!.GetValue<string>());
        Assert.Equal(["Discovered"], history!.Select(entry => entry!["to"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ImportMembers_KnownEmail_MovesTheLeaderToJoined()
    {
        // Arrange
        using var client = factory.CreateStaffClient();
        var person = Unique("ejner");
        var leaderId = await StaffApiCalls.ImportOneAsync(client, person, "no");

        // Act
        var imported = await StaffApiCalls.PostCsvAsync(client, "/api/staff/imports/members", $"""
            district,email,joinedOn
            storkobenhavn,{person.ToUpperInvariant()}@EXAMPLE.ORG,2026-12-01
            """);
        var leader = await client.GetFromJsonAsync<JsonObject>(new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, imported.Status);
        Assert.Equal(1, imported.Body["joined"]!.GetValue<int>());
        Assert.Equal("Joined", leader!["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetFunnel_AfterAnImport_CountsTheDiscoveredLeadersOfTheirMunicipality()
    {
        // Arrange: a municipality of this test's own, so the row counts only its leaders.
        using var client = factory.CreateStaffClient();
        var (first, second, municipality) = (Unique("frida"), Unique("gert"), Unique("Kommune"));
        var csv = $"""
            {StaffApiCalls.LeadersHeader}
            storkobenhavn,{first},Frida Holm,{first}@example.org,Forstander,Bostedet Lyngen,{municipality},2026-11-02,no
            storkobenhavn,{second},Gert Ås,{second}@example.org,Afdelingsleder,Værestedet Kastanjen,{municipality},2026-11-09,unknown
            """;
        await StaffApiCalls.PostCsvAsync(client, "/api/staff/imports/leaders", csv);

        // Act: the district as staff type it, in another case than its code.
        var funnel = await client.GetFromJsonAsync<JsonObject>(new Uri("/api/staff/funnel?district=Storkobenhavn", UriKind.Relative));

        // Assert
        Assert.Equal("storkobenhavn", funnel!["district"]!.GetValue<string>());
        var row = Assert.Single(funnel["rows"]!.AsArray(), row => row!["municipality"]!.GetValue<string>() == municipality);
        Assert.Equal((2, 0, 0), (row!["discovered"]!.GetValue<int>(), row["welcomed"]!.GetValue<int>(), row["joined"]!.GetValue<int>()));
        Assert.Equal("2026-11", row["hiringMonth"]!.GetValue<string>());
    }

    [Fact]
    public async Task RunDiscovery_Twice_FindsTheFileSourcesLeaderOnceAndQueuesItsWelcomeUntilSent()
    {
        // Arrange
        using var client = factory.CreateStaffClient();

        // Act
        using var first = await client.PostAsync(new Uri("/api/staff/discovery/runs", UriKind.Relative), null);
        using var second = await client.PostAsync(new Uri("/api/staff/discovery/runs", UriKind.Relative), null);
        var firstReport = await first.Content.ReadFromJsonAsync<JsonObject>();
        var secondReport = await second.Content.ReadFromJsonAsync<JsonObject>();
        var leaders = await client.GetFromJsonAsync<JsonArray>(new Uri("/api/staff/leaders?district=nordjylland", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, firstReport!["discovered"]!.GetValue<int>());
        Assert.Equal(0, secondReport!["discovered"]!.GetValue<int>());
        var karen = Assert.Single(leaders!, leader => leader!["email"]!.GetValue<string>() == "karen.file@example.org");
        Assert.Equal("Discovered", karen!["state"]!.GetValue<string>());
        // Nothing was sent in between, so the second run queues the same waiting leaders' welcomes again, Karen's with them.
        Assert.Equal(firstReport["welcomesQueued"]!.GetValue<int>(), secondReport["welcomesQueued"]!.GetValue<int>());
        Assert.Contains(karen["leaderId"]!.GetValue<string>(), await QueuedWelcomeLeaderIdsAsync());
    }

    [Fact]
    public async Task GetLeader_Unknown_Answers404ProblemDetails()
    {
        // Arrange
        using var client = factory.CreateStaffClient();

        // Act
        using var response = await client.GetAsync(new Uri("/api/staff/leaders/storkobenhavn/l00000000000000000000", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListLeaders_UnknownDistrict_Answers400NamingTheKnownOnes()
    {
        // Arrange
        using var client = factory.CreateStaffClient();

        // Act
        using var response = await client.GetAsync(new Uri("/api/staff/leaders?district=fyn", UriKind.Relative));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("storkobenhavn", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLeaders_WithoutTheStaffKey_Answers401()
    {
        // Arrange
        using var client = factory.CreateClient();

        // Act
        using var response = await client.GetAsync(new Uri("/api/staff/leaders?district=storkobenhavn", UriKind.Relative));

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static string Unique(string name) => name + Guid.NewGuid().ToString("N")[..8];

    // Takes every message off the shared queue (a peek shows only the first 32), so the answer holds whatever came first.
    private async Task<HashSet<string>> QueuedWelcomeLeaderIdsAsync()
    {
        var queue = factory.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(StorageNames.WelcomeQueue);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var received = await queue.ReceiveMessagesAsync(32); received.Value.Length > 0; received = await queue.ReceiveMessagesAsync(32))
        {
            foreach (var message in received.Value)
            {
                ids.Add(JsonNode.Parse(message.MessageText)!["leaderId"]!.GetValue<string>());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return ids;
    }
}
