using System.Text.Json.Nodes;
using Outreach.Core.Leaders;
using Outreach.Functions.Leaders;

namespace Outreach.Functions.Tests.Leaders;

/// <summary>What staff read and record about leaders, and the answers to input that is not what it should be.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class LeaderFunctionsTests(FunctionsFixture fixture)
{
    private LeaderFunctions Functions => fixture.Create<LeaderFunctions>();

    private Task<Answer> ListAsync(string query) =>
        HttpCalls.CallAsync(HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/leaders" + query), request => Functions.ListAsync(request, default));

    private Task<Answer> GetAsync(string district, string leaderId) =>
        HttpCalls.CallAsync(HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/leaders/x/y"), request => Functions.GetAsync(request, district, leaderId, default));

    private Task<Answer> DecideAsync(string leaderId, string body, string contentType = "application/json", string? apiKey = null) =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "POST", $"/api/staff/leaders/storkobenhavn/{leaderId}/decisions", body, contentType, apiKey),
            request => Functions.RecordDecisionAsync(request, "storkobenhavn", leaderId, default));

    [Fact]
    public async Task ListLeaders_DistrictInCapitals_FindsTheDistrictsLeaders()
    {
        // Arrange
        var person = TestLeaders.Unique("caps");
        await TestLeaders.ImportOneAsync(fixture.Services, person);

        // Act
        var answer = await ListAsync("?district=STORKOBENHAVN&limit=1000");

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Single(answer.Json.AsArray(), leader => leader!["email"]!.GetValue<string>() == person + "@example.org");
    }

    [Fact]
    public async Task ListLeaders_StateInLowerCase_FiltersByThatState()
    {
        // Arrange
        var person = TestLeaders.Unique("declined");
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, person);
        await DecideAsync(leaderId, """{"decision":"Declined","reason":"Takkede nej"}""");

        // Act
        var declined = await ListAsync("?district=storkobenhavn&state=declined&limit=1000");
        var welcomed = await ListAsync("?district=storkobenhavn&state=welcomed&limit=1000");

        // Assert
        Assert.Equal(200, declined.Status);
        Assert.Contains(declined.Json.AsArray(), leader => leader!["leaderId"]!.GetValue<string>() == leaderId);
        Assert.All(declined.Json.AsArray(), leader => Assert.Equal("Declined", leader!["state"]!.GetValue<string>()));
        Assert.Equal(200, welcomed.Status);
        Assert.DoesNotContain(welcomed.Json.AsArray(), leader => leader!["leaderId"]!.GetValue<string>() == leaderId);
    }

    [Theory]
    [InlineData("?district=storkobenhavn&state=sleeping", "state")]
    [InlineData("?district=storkobenhavn&state=3", "state")]
    [InlineData("?district=storkobenhavn&limit=abc", "limit")]
    [InlineData("?district=storkobenhavn&limit=0", "limit")]
    [InlineData("?district=storkobenhavn&limit=99999999999", "limit")]
    [InlineData("?district=fyn", "district")]
    [InlineData("", "district")]
    [InlineData("?district=stork%00obenhavn", "district")]
    public async Task ListLeaders_InvalidQueryValue_Answers400ProblemNamingTheField(string query, string field)
    {
        // Act
        var answer = await ListAsync(query);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]![field]);
    }

    [Fact]
    public async Task ListLeaders_UnknownDistrict_NamesTheKnownOnes()
    {
        // Act
        var answer = await ListAsync("?district=fyn");

        // Assert
        Assert.Contains("storkobenhavn", answer.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("l\u0001\u0002")]
    [InlineData("a\nb")]
    [InlineData("../x")]
    public async Task GetLeader_LeaderIdThatCannotBeOne_Answers400NamingLeaderId(string leaderId)
    {
        // Act
        var answer = await GetAsync("storkobenhavn", leaderId);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]!["leaderId"]);
    }

    [Fact]
    public async Task GetLeader_LeaderIdOf1100Characters_Answers400NamingLeaderId()
    {
        // Act
        var answer = await GetAsync("storkobenhavn", new string('l', 1100));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]!["leaderId"]);
    }

    [Fact]
    public async Task GetLeader_Unknown_Answers404Problem()
    {
        // Act
        var answer = await GetAsync("storkobenhavn", "l00000000000000000000");

        // Assert
        Assert.Equal(404, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task GetLeader_DistrictInOtherCase_FindsTheLeader()
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("case"));

        // Act
        var answer = await GetAsync("StorKobenhavn", leaderId);

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Equal("storkobenhavn", answer.Json["district"]!.GetValue<string>());
    }

    [Fact]
    public async Task RecordDecision_DeclinedWithAReason_ChangesTheStateAndTheHistorySaysWhoAndWhy()
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("carl"));

        // Act
        var decided = await DecideAsync(leaderId, """{"decision":"declined","reason":"Har takket nej i telefonen"}""", apiKey: FunctionsFixture.AdminMemberKey);
        var events = await HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/leaders/x/y/events"),
            request => Functions.GetEventsAsync(request, "storkobenhavn", leaderId, default));

        // Assert
        Assert.Equal(200, decided.Status);
        Assert.Equal("Declined", decided.Json["state"]!.GetValue<string>());
        Assert.Contains(events.Json.AsArray(), change => change!["to"]!.GetValue<string>() == "Declined"
            && change["actor"]!.GetValue<string>() == "anne.admin"
            && change["reason"]!.GetValue<string>() == "Har takket nej i telefonen");
    }

    [Theory]
    [InlineData("""{"decision":"Joined","reason":" "}""", "reason")]
    [InlineData("""{"decision":"Welcomed","reason":"x"}""", "decision")]
    [InlineData("""{"decision":["Joined"],"reason":"x"}""", "decision")]
    [InlineData("""{"decision":"Joined","reason":42}""", "reason")]
    [InlineData("""{"decision":"Maybe","reason":"x"}""", "decision")]
    [InlineData("""["Joined"]""", "body")]
    [InlineData("""{"decision":""", "body")]
    [InlineData("null", "body")]
    public async Task RecordDecision_BodyThatIsNotADecision_Answers400NamingTheFieldAndChangesNothing(string body, string field)
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("dina"));

        // Act
        var answer = await DecideAsync(leaderId, body);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]![field]);
        Assert.Equal(LeaderState.Discovered, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
    }

    [Fact]
    public async Task RecordDecision_BodyThatIsNotJson_Answers415Problem()
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("ejvind"));

        // Act
        var answer = await DecideAsync(leaderId, "decision=Joined", "application/x-www-form-urlencoded");

        // Assert
        Assert.Equal(415, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Fact]
    public async Task GetFunnel_TwoLeadersOfAMunicipality_CountsExactlyThemInTheirRow()
    {
        // Arrange: a municipality of this test's own, so the row holds only this test's leaders.
        var municipality = TestLeaders.Unique("Kommune");
        var first = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("frida"), municipality: municipality);
        await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("gorm"), municipality: municipality);
        await DecideAsync(first, """{"decision":"Joined","reason":"Meldte sig ind"}""");

        // Act
        var answer = await HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/funnel?district=Storkobenhavn"), request => Functions.GetFunnelAsync(request, default));

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Equal("storkobenhavn", answer.Json["district"]!.GetValue<string>());
        var row = Assert.Single(answer.Json["rows"]!.AsArray(), row => row!["municipality"]!.GetValue<string>() == municipality)!;
        Assert.Equal("2026-11", row["hiringMonth"]!.GetValue<string>());
        Assert.Equal(2, row["discovered"]!.GetValue<int>());
        Assert.Equal(0, row["welcomed"]!.GetValue<int>());
        Assert.Equal(1, row["joined"]!.GetValue<int>());
        Assert.Equal(0, row["joinedAfterLetter"]!.GetValue<int>()); // no letter went out before the decision
    }
}
