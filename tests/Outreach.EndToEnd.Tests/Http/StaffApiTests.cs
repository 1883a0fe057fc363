using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Outreach.Testing.Azurite;

namespace Outreach.EndToEnd.Tests.Http;

/// <summary>HTTP through DevHost's port to the real app: the staff API enforces its key, the public page refuses a bad token.</summary>
public sealed class StaffApiTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly AzuriteFixture azurite = new();
    private EndToEndSettings settings = null!;
    private AppHost run = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        settings = new EndToEndSettings(leaderCount: 6, azurite.ConnectionString);
        run = await AppHost.StartAsync(settings, runTimersOnStartup: true);
        await run.WaitForInvocationsAsync("DiscoverLeaders", 1, Deadline);
        client = new HttpClient { BaseAddress = run.Host.HttpBaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (run is not null)
        {
            await run.DisposeAsync();
        }

        await azurite.DisposeAsync();
        settings?.Dispose();
    }

    [Fact]
    public async Task ListLeaders_WithoutKey_401ProblemDetails()
    {
        using var response = await client.GetAsync(new Uri("api/staff/leaders?district=storkobenhavn", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListLeaders_WithTheLocalStaffKey_TheDiscoveredLeadersOfTheDistrict()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/staff/leaders?district=storkobenhavn", UriKind.Relative));
        request.Headers.Add("X-Api-Key", EndToEndSettings.StaffKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var leaders = await response.Content.ReadFromJsonAsync<JsonElement>();
        var emails = leaders.EnumerateArray().Select(leader => leader.GetProperty("email").GetString()).Order();
        Assert.Equal(settings.Leaders.Where(leader => leader.District == "storkobenhavn").Select(leader => leader.Email).Order(), emails);
    }

    [Fact]
    public async Task UnsubscribePage_BadToken_400()
    {
        using var response = await client.GetAsync(new Uri("api/public/unsubscribe?token=not-a-token", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
