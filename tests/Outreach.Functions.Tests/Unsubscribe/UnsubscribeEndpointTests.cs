using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Unsubscribe;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.Unsubscribe;

/// <summary>The link in every letter: a confirmation page for people, a one-click POST (RFC 8058) for mail clients.</summary>
public sealed class UnsubscribeEndpointTests : IClassFixture<StaffApiFactory>
{
    private readonly StaffApiFactory factory;

    public UnsubscribeEndpointTests(StaffApiFactory factory) => this.factory = factory;

    [Fact]
    public async Task Page_ValidLink_AsksInDanishWithAButtonAndChangesNothing()
    {
        // Arrange
        using var staff = factory.CreateStaffClient();
        var (leaderId, link) = await ImportLeaderAsync(staff);
        using var anonymous = factory.CreateClient();

        // Act
        using var page = await anonymous.GetAsync(new Uri(link.PathAndQuery, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        // Assert
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Ja, afmeld mig", html, StringComparison.Ordinal);
        Assert.Equal("Discovered", await StateAsync(staff, leaderId));
    }

    [Fact]
    public async Task OneClickPost_ValidLink_OptsTheLeaderOut()
    {
        // Arrange
        using var staff = factory.CreateStaffClient();
        var (leaderId, link) = await ImportLeaderAsync(staff);
        using var anonymous = factory.CreateClient();
        using var oneClick = new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded");

        // Act
        using var response = await anonymous.PostAsync(new Uri(link.PathAndQuery, UriKind.Relative), oneClick);

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("OptedOut", await StateAsync(staff, leaderId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task OneClickPost_ForgedOrMissingToken_Answers400AndOptsNobodyOut(string token)
    {
        // Arrange
        using var staff = factory.CreateStaffClient();
        var (leaderId, link) = await ImportLeaderAsync(staff);
        var real = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        using var anonymous = factory.CreateClient();

        // Act: a made-up token, and the real one with its last character changed.
        using var forged = await anonymous.PostAsync(new Uri("/api/public/unsubscribe?token=" + Uri.EscapeDataString(token), UriKind.Relative), null);
        using var tampered = await anonymous.PostAsync(new Uri("/api/public/unsubscribe?token=" + Uri.EscapeDataString(real[..^1] + (real[^1] == 'A' ? 'B' : 'A')), UriKind.Relative), null);

        // Assert
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Equal("Discovered", await StateAsync(staff, leaderId));
    }

    private async Task<(string LeaderId, Uri Link)> ImportLeaderAsync(HttpClient staff)
    {
        var person = "afmeld" + Guid.NewGuid().ToString("N")[..8];
        var leaderId = await StaffApiCalls.ImportOneAsync(staff, person, "no");
        var link = factory.Services.GetRequiredService<IUnsubscribeTokens>().CreateLink("storkobenhavn", person + "@example.org", OptOutCategory.Outreach);
        return (leaderId, link);
    }

    private static async Task<string> StateAsync(HttpClient staff, string leaderId) =>
        (await staff.GetFromJsonAsync<JsonObject>(new Uri($"/api/staff/leaders/storkobenhavn/{leaderId}", UriKind.Relative)))!["state"]!.GetValue<string>();
}
