using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Outreach.DevHost.Hosting;
using Outreach.Testing.Azurite;
using Xunit.Abstractions;

namespace Outreach.DevHost.Tests.Hosting;

/// <summary>DevHost's HTTP front end in forwarding mode (reference §1.1d, §2.3): the request and the response pass as they are.</summary>
[Collection(AzuriteTests.Name)]
public sealed class HttpForwardingTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task Forward_PostWithQueryHeaderAndBody_HandlerSeesThemAndCallerGetsItsAnswer()
    {
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.OK, null)));
        using var app = StaffApp();
        await using var host = await StartAsync(app, handler);
        using var client = new HttpClient { BaseAddress = host.HttpBaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/staff/leaders/import?district=storkobenhavn&dryRun=true")
        {
            Content = new StringContent("sourceId,name\nkbh-1,Søren Ærø\n", Encoding.UTF8, "text/csv"),
        };
        request.Headers.Add("X-Api-Key", "local-dev-staff-key");

        using var response = await client.SendAsync(request);
        var echo = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("fake", response.Headers.GetValues("X-Handler").Single());
        Assert.Equal("POST", echo["method"]!.GetValue<string>());
        Assert.Equal("/api/staff/leaders/import", echo["path"]!.GetValue<string>());
        Assert.Equal("?district=storkobenhavn&dryRun=true", echo["query"]!.GetValue<string>());
        Assert.Equal("local-dev-staff-key", echo["apiKey"]!.GetValue<string>());
        Assert.Equal("sourceId,name\nkbh-1,Søren Ærø\n", echo["body"]!.GetValue<string>());
        Assert.True(Guid.TryParse(echo["invocationId"]!.GetValue<string>(), out _));
    }

    [Fact]
    public async Task Forward_HandlerRedirects_CallerGetsTheRedirectNotItsTarget()
    {
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.OK, null)));
        using var app = StaffApp();
        await using var host = await StartAsync(app, handler);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.HttpBaseAddress };

        using var response = await client.GetAsync("api/staff/redirect");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/api/public/elsewhere", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("GET", "api/other/thing")]
    [InlineData("DELETE", "api/staff/leaders")]
    public async Task Forward_NoFunctionMatchesRouteAndMethod_AnswersWithoutCallingTheHandler(string method, string path)
    {
        await using var handler = await FakeHandler.StartAsync(_ => Task.FromResult<(HttpStatusCode, JsonObject?)>((HttpStatusCode.OK, null)));
        using var app = StaffApp();
        await using var host = await StartAsync(app, handler);
        using var client = new HttpClient { BaseAddress = host.HttpBaseAddress };

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"got {(int)response.StatusCode}");
        Assert.False(response.Headers.Contains("X-Handler"));
    }

    private async Task<FunctionHost> StartAsync(TestApp app, FakeHandler handler) =>
        await FunctionHost.StartAsync(new DevHostOptions { AppRoot = app.Root, HandlerUrl = handler.BaseAddress, Port = 0 }, TestLogging.For(output));

    private TestApp StaffApp() =>
        new(
            new JsonObject(),
            new Dictionary<string, string>
            {
                ["StaffApi"] = """
                    {"bindings":[
                      {"name":"req","type":"httpTrigger","direction":"in","authLevel":"function","methods":["get","post"],"route":"staff/{*path}"},
                      {"name":"res","type":"http","direction":"out"}]}
                    """,
            },
            azurite.ConnectionString);
}
