using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Functions.Discovery;

namespace Outreach.Functions.Tests.Discovery;

/// <summary>Discovery on the timer and on demand over HTTP; Core queues the welcomes as it goes.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class DiscoveryFunctionsTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task DiscoverLeaders_NewLeaderInTheFileSource_QueuesItsWelcomeAndAgainWhileItStillWaits()
    {
        // Arrange: a municipality of this test's own (other tests' waiting leaders in the district are queued too).
        var person = "timer-" + Guid.NewGuid().ToString("N")[..8];
        var municipality = "Kommune-" + person;
        var queue = new RecordingLetterQueue();
        var services = fixture.CreateServices(
            $"nordjylland,{person},Karen Bøgh,{person}@example.org,Forstander,Bostedet Limfjorden,{municipality},2026-11-12,no\n",
            replace: collection => collection.AddSingleton<ILetterQueue>(queue));
        var functions = fixture.Create<DiscoveryFunctions>(services);

        // Act: no SendWelcome runs between the two, so the leader is still waiting for its letter at the second run.
        await functions.DiscoverLeadersAsync(new TimerInfo(), default);
        await functions.DiscoverLeadersAsync(new TimerInfo { IsPastDue = true }, default);

        // Assert: one leader, queued by both runs (the welcome is idempotent, so a waiting leader is never stranded).
        var leader = Assert.Single(await services.GetRequiredService<LeaderQueries>().ListAsync(new LeaderQuery { District = "nordjylland", Municipality = municipality }));
        Assert.Equal(2, queue.Welcomes.Count(welcome => welcome.District == "nordjylland" && welcome.LeaderId == leader.LeaderId));
    }

    [Fact]
    public async Task RunDiscovery_Twice_FindsTheFileSourcesLeaderOnceAndQueuesItsWelcomeUntilSent()
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
        Assert.Equal(1, second.Json["welcomesQueued"]!.GetValue<int>()); // still waiting: nothing sent it in between
    }
}
