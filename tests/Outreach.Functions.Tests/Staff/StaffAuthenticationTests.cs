using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Outreach.Functions.Tests.Staff;

public sealed class StaffAuthenticationTests(HandlerFactory factory) : IClassFixture<HandlerFactory>
{
    private async Task<HttpResponseMessage> GetAsync(string path, string? apiKey = null, string? principal = null)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (principal is not null)
        {
            request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task WhoAmI_LocalKey_IsLocalStaffWithBothRoles()
    {
        using var response = await GetAsync("/api/staff/whoami", HandlerFactory.StaffKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("local-staff", body["name"]!.GetValue<string>());
        Assert.Equal(["Staff", "Admin"], body["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
    }

    [Fact]
    public async Task WhoAmI_NamedMemberKey_IsThatMember()
    {
        using var response = await GetAsync("/api/staff/whoami", HandlerFactory.StaffMemberKey);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("sam.staff", body["name"]!.GetValue<string>());
        Assert.Equal(["Staff"], body["roles"]!.AsArray().Select(role => role!.GetValue<string>()));
    }

    [Fact]
    public async Task WhoAmI_NoKey_Answers401ProblemDetails()
    {
        using var response = await GetAsync("/api/staff/whoami");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task WhoAmI_WrongKey_Answers401()
    {
        using var response = await GetAsync("/api/staff/whoami", HandlerFactory.StaffKey + "x");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WhoAmI_AppServicePrincipalWhenNotTrusted_Answers401()
    {
        using var response = await GetAsync("/api/staff/whoami", principal: """{"auth_typ":"aad","claims":[{"typ":"name","val":"mallory"},{"typ":"roles","val":"Admin"}]}""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task UnknownStaffRoute_WithKey_Answers404ProblemDetails()
    {
        using var response = await GetAsync("/api/staff/nothing-here", HandlerFactory.StaffKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task OpenApi_WithTheStaffKey_DescribesTheStaffEndpointsButNotThePayloadFunctions()
    {
        // Act
        using var response = await GetAsync("/api/staff/openapi/staff.json", HandlerFactory.StaffKey);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject().Select(path => path.Key).ToList();

        // Assert
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/api/staff/leaders/{district}/{leaderId}", paths);
        Assert.Contains("/api/staff/imports/leaders", paths);
        Assert.DoesNotContain("/{functionName}", paths);
    }

    [Fact]
    public async Task OpenApi_WithoutAKey_Answers401()
    {
        // Act
        using var response = await GetAsync("/api/staff/openapi/staff.json");

        // Assert
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
