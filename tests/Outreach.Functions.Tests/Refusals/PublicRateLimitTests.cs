using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Functions.Http;

namespace Outreach.Functions.Tests.Refusals;

/// <summary>The public endpoints' rate limit per client address, driven through the middleware with a container of its own.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class PublicRateLimitTests(FunctionsFixture fixture)
{
    private const int Permits = 3;

    [Theory]
    [InlineData("UnsubscribePage")]
    [InlineData("Unsubscribe")]
    [InlineData("ReceiveSendGridEvents")]
    public async Task Middleware_OneCallPastThePermits_Answers429ProblemWithRetryAfter(string function)
    {
        // Arrange
        var middleware = Middleware(Permits);
        var entryPoint = FunctionCatalog.EntryPoint(function);

        // Act
        var allowed = Enumerable.Range(0, Permits).Select(_ => middleware.Check(entryPoint, Context("203.0.113.7"))).ToList();
        var last = Context("203.0.113.7");
        var refusal = middleware.Check(entryPoint, last);

        // Assert
        Assert.All(allowed, Assert.Null);
        Assert.NotNull(refusal);
        var answer = await HttpCalls.RunAsync(refusal, last.Request);
        Assert.Equal(429, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.InRange(int.Parse(last.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public void Middleware_PublicFunctionsShareOneBudgetPerClient_OtherClientsAreNotCounted()
    {
        // Arrange
        var middleware = Middleware(Permits);
        var page = FunctionCatalog.EntryPoint("UnsubscribePage");
        var post = FunctionCatalog.EntryPoint("Unsubscribe");

        // Act: three calls from one client over two functions, then one more from it and one from another client.
        var first = new[] { middleware.Check(page, Context("198.51.100.1")), middleware.Check(post, Context("198.51.100.1")), middleware.Check(page, Context("198.51.100.1")) };
        var fourth = middleware.Check(post, Context("198.51.100.1"));
        var otherClient = middleware.Check(post, Context("198.51.100.2"));

        // Assert
        Assert.All(first, Assert.Null);
        Assert.NotNull(fourth);
        Assert.Null(otherClient);
    }

    [Fact]
    public void Middleware_StaffFunction_IsNeverRateLimited()
    {
        // Arrange
        var middleware = Middleware(1);
        var whoAmI = FunctionCatalog.EntryPoint("WhoAmI");

        // Act
        var answers = Enumerable.Range(0, 5).Select(_ => middleware.Check(whoAmI, Context("203.0.113.9")));

        // Assert
        Assert.All(answers, Assert.Null);
    }

    [Theory]
    [InlineData("203.0.113.7", null, "203.0.113.7")]
    [InlineData("203.0.113.7:51234, 10.0.0.1", null, "203.0.113.7")]
    [InlineData("[2001:db8::1]:443", null, "2001:db8::1")]
    [InlineData(null, "192.0.2.44", "192.0.2.44")]
    [InlineData("not-an-address", "192.0.2.44", "192.0.2.44")]
    public void ClientOf_ForwardedForOrRemoteAddress_IsTheFirstHopThatIsAnAddress(string? forwardedFor, string? remote, string expected)
    {
        // Arrange
        var http = new DefaultHttpContext();
        if (forwardedFor is not null)
        {
            http.Request.Headers[PublicRateLimitMiddleware.ForwardedForHeader] = forwardedFor;
        }

        http.Connection.RemoteIpAddress = remote is null ? null : IPAddress.Parse(remote);

        // Act
        var client = PublicRateLimitMiddleware.ClientOf(http);

        // Assert
        Assert.Equal(expected, client);
    }

    [Fact]
    public void HttpFunctions_Anonymous_AreAllPublicRateLimited()
    {
        // Arrange
        var anonymous = FunctionCatalog.HttpFunctions.Where(method => FunctionCatalog.TriggerOf(method).AuthLevel == AuthorizationLevel.Anonymous).ToList();

        // Assert: the public endpoints are found, and none of them is left without the limit.
        Assert.Equal(["ReceiveSendGridEvents", "Unsubscribe", "UnsubscribePage"], anonymous.Select(FunctionCatalog.NameOf).Order(StringComparer.Ordinal));
        Assert.All(anonymous, method => Assert.True(FunctionCatalog.IsPublicRateLimited(method), FunctionCatalog.NameOf(method)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100001")]
    public void Options_PermitsOutOfRange_FailValidation(string permits)
    {
        // Arrange
        var services = fixture.CreateServices("", [new("Outreach:PublicRateLimit:PermitsPerMinute", permits)]);

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<PublicRateLimitOptions>>().Value);

        // Assert
        Assert.Contains("Outreach:PublicRateLimit:PermitsPerMinute", Assert.Single(exception.Failures), StringComparison.Ordinal);
    }

    private PublicRateLimitMiddleware Middleware(int permits)
    {
        var services = fixture.CreateServices("", [new("Outreach:PublicRateLimit:PermitsPerMinute", permits.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        return new PublicRateLimitMiddleware(services.GetRequiredService<PublicRateLimiter>());
    }

    private DefaultHttpContext Context(string forwardedFor)
    {
        var http = new DefaultHttpContext { RequestServices = fixture.Services };
        http.Response.Body = new MemoryStream();
        http.Request.Headers[PublicRateLimitMiddleware.ForwardedForHeader] = forwardedFor;
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        return http;
    }
}
