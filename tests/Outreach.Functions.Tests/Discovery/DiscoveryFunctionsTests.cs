using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using Outreach.Functions.Discovery;

namespace Outreach.Functions.Tests.Discovery;

/// <summary>Discovery on the timer (welcomes as the queue output) and on demand over HTTP.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class DiscoveryFunctionsTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task DiscoverLeaders_NewLeaderInTheFileSource_ReturnsOneWelcomeMessageAndNoneTheSecondTime()
    {
        // Arrange
        var person = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var services = fixture.CreateServices($"nordjylland,{person},Karen Bøgh,{person}@example.org,Forstander,Bostedet Limfjorden,Aalborg,2026-11-12,no\n");
        var functions = fixture.Create<DiscoveryFunctions>(services);

        // Act
        var first = await functions.DiscoverLeadersAsync(new TimerInfo(), default);
        var second = await functions.DiscoverLeadersAsync(new TimerInfo { IsPastDue = true }, default);

        // Assert: the messages are the work item JSON SendWelcome reads.
        var message = JsonNode.Parse(Assert.Single(first))!;
        Assert.Equal("nordjylland", message["district"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(message["leaderId"]!.GetValue<string>()));
        Assert.Empty(second);
    }

    [Fact]
    public async Task RunDiscovery_Twice_FindsTheFileSourcesLeaderOnceAndQueuesOneWelcome()
    {
        // Arrange
        var person = "http-" + Guid.NewGuid().ToString("N")[..8];
        var services = fixture.CreateServices($"nordjylland,{person},Karen Bøgh,{person}@example.org,Forstander,Bostedet Limfjorden,Aalborg,2026-11-12,no\n");
        var functions = fixture.Create<DiscoveryFunctions>(services);

        // Act
        var first = await HttpCalls.CallAsync(HttpCalls.StaffRequest(services, "POST", "/api/staff/discovery/runs"), request => functions.RunDiscoveryAsync(request, default));
        var second = await HttpCalls.CallAsync(HttpCalls.StaffRequest(services, "POST", "/api/staff/discovery/runs"), request => functions.RunDiscoveryAsync(request, default));

        // Assert
        Assert.Equal(200, first.Status);
        Assert.Equal(1, first.Json["discovered"]!.GetValue<int>());
        Assert.Equal(1, first.Json["welcomesQueued"]!.GetValue<int>());
        Assert.Equal(0, second.Json["discovered"]!.GetValue<int>());
        Assert.Equal(0, second.Json["welcomesQueued"]!.GetValue<int>());
    }
}
