using Outreach.Functions.Leaders;

namespace Outreach.Functions.Tests.Leaders;

/// <summary>The funnel's filters over HTTP: municipality and hiring months.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class FunnelFunctionsTests(FunctionsFixture fixture)
{
    private Task<Answer> FunnelAsync(string query) =>
        HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/funnel" + query), request => fixture.Create<LeaderFunctions>().GetFunnelAsync(request, default));

    [Fact]
    public async Task GetFunnel_MunicipalityAndMonths_CountsOnlyThatMunicipalitysRowsWithTheNewColumns()
    {
        // Arrange: a municipality of this test's own, hired 2026-11 (TestLeaders' hire date).
        var municipality = TestLeaders.Unique("Kommune");
        await TestLeaders.ImportOneAsync(fixture.Services, TestLeaders.Unique("ida"), municipality: municipality);

        // Act
        var inRange = await FunnelAsync($"?district=storkobenhavn&municipality={Uri.EscapeDataString(municipality.ToUpperInvariant())}&from=2026-11&to=2026-11");
        var outOfRange = await FunnelAsync($"?district=storkobenhavn&municipality={Uri.EscapeDataString(municipality)}&from=2026-12");

        // Assert
        Assert.Equal(200, inRange.Status);
        var row = Assert.Single(inRange.Json["rows"]!.AsArray())!;
        Assert.Equal((municipality, 1, 0, 0, 0), (row["municipality"]!.GetValue<string>(), row["discovered"]!.GetValue<int>(), row["declined"]!.GetValue<int>(), row["optedOut"]!.GetValue<int>(), row["undeliverable"]!.GetValue<int>()));
        Assert.Null(row["medianDaysToJoin"]);
        Assert.Empty(outOfRange.Json["rows"]!.AsArray());
    }

    [Theory]
    [InlineData("?district=storkobenhavn&from=2026-13", "from")]
    [InlineData("?district=storkobenhavn&to=november", "to")]
    [InlineData("?district=storkobenhavn&from=2026-11&to=2026-10", "to")]
    [InlineData("?district=storkobenhavn&municipality=a%00b", "municipality")]
    public async Task GetFunnel_InvalidFilter_Answers400NamingIt(string query, string field)
    {
        // Act
        var answer = await FunnelAsync(query);

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]![field]);
    }
}
