using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Functions.Operations;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.Operations;

/// <summary>Leaders registered by hand, and the answers to a registration that cannot be one.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class LeaderRegistrationFunctionsTests(FunctionsFixture fixture)
{
    private Task<Answer> RegisterAsync(string body, string contentType = "application/json") =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "POST", "/api/staff/leaders", body, contentType, FunctionsFixture.StaffMemberKey),
            request => fixture.Create<LeaderRegistrationFunctions>().RegisterAsync(request, default));

    private static string Tip(string email, string extra = "") =>
        $$"""{"district":"Storkobenhavn","name":"Hanne Ødum","email":"{{email}}","municipality":"Tårnby","hireDate":"2026-11-02","membership":"nej","note":"Tip from the shop steward"{{extra}}}""";

    [Fact]
    public async Task RegisterLeader_NewAddress_Answers201WithLocationAndStoresAManualLeaderWithTheStaffMembersEvent()
    {
        // Arrange
        var email = TestLeaders.Unique("tip") + "@example.org";

        var request = HttpCalls.StaffRequest(
            fixture.Services, "POST", "/api/staff/leaders", Tip(email, ""","jobTitle":"Forstander","workplace":"Bostedet" """), apiKey: FunctionsFixture.StaffMemberKey);

        // Act
        var answer = await HttpCalls.CallAsync(request, request => fixture.Create<LeaderRegistrationFunctions>().RegisterAsync(request, default));

        // Assert
        Assert.Equal(201, answer.Status);
        var leaderId = answer.Json["leaderId"]!.GetValue<string>();
        Assert.Equal("/api/staff/leaders/storkobenhavn/" + leaderId, request.HttpContext.Response.Headers.Location.ToString());
        var leader = await TestLeaders.GetAsync(fixture.Services, leaderId);
        Assert.Equal(("manual", LawfulBasis.LegitimateInterest, LeaderState.Discovered, "Forstander"), (leader.Source, leader.LawfulBasis, leader.State, leader.JobTitle));
        var history = Assert.Single(await fixture.Services.GetRequiredService<LeaderQueries>().GetEventsAsync("storkobenhavn", leaderId));
        Assert.Equal("sam.staff", history.Actor);
        Assert.Contains("Tip from the shop steward", history.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterLeader_SameAddressAgainInOtherCase_Answers409NamingEmail()
    {
        // Arrange
        var email = TestLeaders.Unique("twice") + "@example.org";
        Assert.Equal(201, (await RegisterAsync(Tip(email))).Status);

        // Act
        var answer = await RegisterAsync(Tip(email.ToUpperInvariant()));

        // Assert
        Assert.Equal(409, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]!["email"]);
    }

    [Fact]
    public async Task RegisterLeader_AddressAnImportAlreadyBrought_Answers409()
    {
        // Arrange
        var person = TestLeaders.Unique("imported");
        await TestLeaders.ImportOneAsync(fixture.Services, person);

        // Act
        var answer = await RegisterAsync(Tip(person + "@example.org"));

        // Assert
        Assert.Equal(409, answer.Status);
    }

    [Theory]
    [InlineData("""{"district":"fyn","name":"A","email":"a@example.org","note":"x"}""", "district")]
    [InlineData("""{"district":"storkobenhavn","name":"","email":"a@example.org","note":"x"}""", "name")]
    [InlineData("""{"district":"storkobenhavn","name":"A","email":"not an address","note":"x"}""", "email")]
    [InlineData("""{"district":"storkobenhavn","name":"A","email":"a@example.org","membership":"maybe","note":"x"}""", "membership")]
    [InlineData("""{"district":"storkobenhavn","name":"A","email":"a@example.org","hireDate":"2026-13-45","note":"x"}""", "hireDate")]
    [InlineData("""{"district":"storkobenhavn","name":"@SUM(1)","email":"a@example.org","note":"x"}""", "name")]
    [InlineData("""{"district":"storkobenhavn","name":"A","email":"a@example.org"}""", "note")]
    [InlineData("""{"district":"storkobenhavn","name":7,"email":"a@example.org","note":"x"}""", "name")]
    [InlineData("""{"district":""", "body")]
    public async Task RegisterLeader_InvalidValue_Answers400NamingTheFieldAndStoresNothing(string body, string field)
    {
        // Act
        var answer = await RegisterAsync(body);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]![field]);
        var leaders = await fixture.Services.GetRequiredService<LeaderQueries>().ListAsync(new LeaderQuery { District = "storkobenhavn", Limit = 1000 });
        Assert.DoesNotContain(leaders, leader => leader.Email == "a@example.org");
    }

    [Fact]
    public async Task RegisterLeader_NotJson_Answers415()
    {
        // Act
        var answer = await RegisterAsync("district=storkobenhavn", "application/x-www-form-urlencoded");

        // Assert
        Assert.Equal(415, answer.Status);
    }

    [Theory]
    [InlineData(null, 401)]
    [InlineData("wrong-key-0123456789", 401)]
    [InlineData(FunctionsFixture.StaffMemberKey, 200)]
    public async Task RegisterLeader_Principal_IsLetInAsStaff(string? apiKey, int status)
    {
        // Act + Assert
        Assert.Equal(status, await OperationsAccess.StatusAsync(fixture.Services, typeof(LeaderRegistrationFunctions), nameof(LeaderRegistrationFunctions.RegisterAsync), apiKey));
    }
}
