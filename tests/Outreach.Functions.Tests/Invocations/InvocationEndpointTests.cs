using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Outreach.Functions.Tests.Invocations;

public sealed class InvocationEndpointTests(HandlerFactory factory) : IClassFixture<HandlerFactory>
{
    private static StringContent HostBody(string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private async Task<HttpResponseMessage> InvokeAsync(string function, string body)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/" + function) { Content = HostBody(body) };
        request.Headers.Add("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Readiness_Root_AnswersOk()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Invoke_QueueMessageDoubleEncoded_AnswersJsonWithOutputsAsStringArray()
    {
        using var response = await InvokeAsync("EchoQueue", HostPayloads.Queue("""{"text":"hej"}""", dequeueCount: 2, functionName: "EchoQueue"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var echo = Assert.Single(body["Outputs"]!["echo"]!.AsArray());
        Assert.Equal(JsonValueKind.String, echo!.GetValueKind());
        Assert.Equal("""{"text":"hej"}""", echo.GetValue<string>());
        Assert.Equal("id=800ae4b3-2f1c-4c0e-9d35-0a6c2f1e5b77 dequeueCount=2", Assert.Single(body["Logs"]!.AsArray())!.GetValue<string>());
        Assert.True(body.ContainsKey("ReturnValue"));
    }

    [Fact]
    public async Task Invoke_TimerWithNullScheduleStatus_Succeeds()
    {
        using var response = await InvokeAsync("EchoTimer", HostPayloads.TimerWithoutStatus("EchoTimer", pastDue: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Empty(body["Outputs"]!["echo"]!.AsArray());
        Assert.Equal("pastDue=True next=none", body["Logs"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"Data":{"message":"\"\\\"{not json\\\"\""}}""")]
    [InlineData("""{"Data":{}}""")]
    [InlineData("""{"Data":{"message":"\"null\""}}""")]
    [InlineData("""{"Data":{"message":"\"{\\\"other\\\":1}\""}}""")]
    public async Task Invoke_MalformedQueueMessage_Answers400AndKeepsServing(string body)
    {
        using var response = await InvokeAsync("EchoQueue", body);
        using var after = await InvokeAsync("EchoQueue", HostPayloads.Queue("""{"text":"still here"}""", functionName: "EchoQueue"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Theory]
    [InlineData("SendWelcome")]
    [InlineData("SendFollowUp")]
    public async Task Invoke_LeaderQueueFunctionWithIncompleteWorkItem_Answers400(string function)
    {
        using var response = await InvokeAsync(function, HostPayloads.Queue("""{"district":"nordjylland"}""", functionName: function));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("leaderId is missing", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_FunctionThrows_Answers500()
    {
        using var response = await InvokeAsync("ThrowingTimer", HostPayloads.TimerWithoutStatus("ThrowingTimer"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.DoesNotContain("storage is down", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NoSuchFunction")]
    [InlineData("sendwelcome")]
    public async Task Invoke_UnknownFunctionName_Answers404ProblemDetails(string function)
    {
        using var response = await InvokeAsync(function, HostPayloads.Queue("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(404, problem["status"]!.GetValue<int>());
    }
}
