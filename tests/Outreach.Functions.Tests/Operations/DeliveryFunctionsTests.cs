using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Core.Storage;
using Outreach.Functions.Operations;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.Operations;

/// <summary>The letters whose outcome is unknown, as staff list and resolve them.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class DeliveryFunctionsTests(FunctionsFixture fixture)
{
    private DeliveryFunctions Functions => fixture.Create<DeliveryFunctions>();

    private TableClient Deliveries => fixture.Services.GetRequiredService<TableServiceClient>().GetTableClient(StorageNames.DeliveriesTable);

    private Task<Answer> ListAsync(string query) =>
        HttpCalls.CallAsync(HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/deliveries/unknown" + query), request => Functions.ListUnknownAsync(request, default));

    private Task<Answer> ResolveAsync(string leaderId, string kind, string body, string? apiKey = FunctionsFixture.StaffMemberKey) =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "POST", $"/api/staff/deliveries/{leaderId}/{kind}/resolve", body, apiKey: apiKey),
            request => Functions.ResolveAsync(request, leaderId, kind, default));

    [Fact]
    public async Task ListUnknownDeliveries_District_ListsItsUnknownOutcomeWithTheLeadersAddress()
    {
        // Arrange
        var person = TestLeaders.Unique("unknown");
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, person);
        await StoreAsync(leaderId, "welcome", "OutcomeUnknown");

        // Act
        var answer = await ListAsync("?district=Storkobenhavn");

        // Assert
        Assert.Equal(200, answer.Status);
        var listed = Assert.Single(answer.Json.AsArray(), d => d!["leaderId"]!.GetValue<string>() == leaderId)!;
        Assert.Equal(("welcome", "welcome:" + leaderId, person + "@example.org"), (listed["kind"]!.GetValue<string>(), listed["deliveryKey"]!.GetValue<string>(), listed["email"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ListUnknownDeliveries_UnknownDistrict_Answers400NamingDistrict()
    {
        // Act
        var answer = await ListAsync("?district=fyn");

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]!["district"]);
    }

    [Fact]
    public async Task ResolveDelivery_Sent_WelcomesTheLeaderWithAnEventNamingTheStaffMemberAndASecondResolutionAnswers409()
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("sent"));
        await StoreAsync(leaderId, "welcome", "OutcomeUnknown");

        // Act
        var answer = await ResolveAsync(leaderId, "welcome", """{"outcome":"sent","note":"Delivered 06:02 in SendGrid's activity"}""");
        var again = await ResolveAsync(leaderId, "welcome", """{"outcome":"not-sent","note":"Changed my mind"}""");

        // Assert
        Assert.Equal(204, answer.Status);
        Assert.Equal(LeaderState.Welcomed, (await TestLeaders.GetAsync(fixture.Services, leaderId)).State);
        var events = await fixture.Services.GetRequiredService<LeaderQueries>().GetEventsAsync("storkobenhavn", leaderId);
        Assert.Equal("sam.staff", events[^1].Actor);
        Assert.Equal("Sent", (await Deliveries.GetEntityAsync<TableEntity>(leaderId, "welcome")).Value.GetString("Status"));
        Assert.Equal(409, again.Status);
        Assert.Equal("application/problem+json", again.MediaType);
    }

    [Fact]
    public async Task ResolveDelivery_NotSent_ReleasesTheClaimAndRecordsAnEvent()
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("notsent"));
        await StoreAsync(leaderId, "welcome", "OutcomeUnknown");

        // Act
        var answer = await ResolveAsync(leaderId, "welcome", """{"outcome":"not-sent","note":"Not in SendGrid's activity"}""");

        // Assert
        Assert.Equal(204, answer.Status);
        Assert.False((await Deliveries.GetEntityIfExistsAsync<TableEntity>(leaderId, "welcome")).HasValue);
        var events = await fixture.Services.GetRequiredService<LeaderQueries>().GetEventsAsync("storkobenhavn", leaderId);
        Assert.Equal(("sam.staff", LeaderState.Discovered), (events[^1].Actor, events[^1].To));
        Assert.Contains("Not in SendGrid's activity", events[^1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveDelivery_OutcomeKnown_Answers409AndChangesNothing()
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("known"));
        await StoreAsync(leaderId, "welcome", "Sent");

        // Act
        var answer = await ResolveAsync(leaderId, "welcome", """{"outcome":"not-sent","note":"Checked"}""");

        // Assert
        Assert.Equal(409, answer.Status);
        Assert.True((await Deliveries.GetEntityIfExistsAsync<TableEntity>(leaderId, "welcome")).HasValue);
    }

    [Fact]
    public async Task ResolveDelivery_NoSuchLetter_Answers404()
    {
        // Act
        var answer = await ResolveAsync("l00000000000000000000", "followup1", """{"outcome":"sent","note":"Checked"}""");

        // Assert
        Assert.Equal(404, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Theory]
    [InlineData("welcome", """{"outcome":"maybe","note":"x"}""", "outcome")]
    [InlineData("welcome", """{"outcome":"sent"}""", "note")]
    [InlineData("welcome", """{"outcome":1,"note":"x"}""", "outcome")]
    [InlineData("welcome", """[1,2]""", "body")]
    [InlineData("newsletter", """{"outcome":"sent","note":"x"}""", "kind")]
    public async Task ResolveDelivery_InvalidInput_Answers400NamingTheField(string kind, string body, string field)
    {
        // Arrange
        var leaderId = await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("invalid"));
        await StoreAsync(leaderId, "welcome", "OutcomeUnknown");

        // Act
        var answer = await ResolveAsync(leaderId, kind, body);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]![field]);
        Assert.Equal("OutcomeUnknown", (await Deliveries.GetEntityAsync<TableEntity>(leaderId, "welcome")).Value.GetString("Status"));
    }

    [Theory]
    [InlineData(nameof(DeliveryFunctions.ListUnknownAsync), null, 401)]
    [InlineData(nameof(DeliveryFunctions.ResolveAsync), null, 401)]
    [InlineData(nameof(DeliveryFunctions.ResolveAsync), "wrong-key-0123456789", 401)]
    [InlineData(nameof(DeliveryFunctions.ListUnknownAsync), FunctionsFixture.StaffMemberKey, 200)]
    [InlineData(nameof(DeliveryFunctions.ResolveAsync), FunctionsFixture.StaffMemberKey, 200)]
    public async Task DeliveryFunctions_Principal_IsLetInAsStaffOnly(string method, string? apiKey, int status)
    {
        // Act + Assert
        Assert.Equal(status, await OperationsAccess.StatusAsync(fixture.Services, typeof(DeliveryFunctions), method, apiKey));
    }

    // A delivery as the dispatcher leaves it (the claim, then its outcome).
    private async Task StoreAsync(string leaderId, string kind, string status) =>
        await Deliveries.UpsertEntityAsync(new TableEntity(leaderId, kind)
        {
            ["District"] = "storkobenhavn",
            ["Status"] = status,
            ["ClaimedAt"] = DateTimeOffset.UtcNow,
            ["Template"] = "welcome-nonmember",
            ["Detail"] = "The request timed out.",
        });
}
