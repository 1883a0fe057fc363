using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Http;

namespace Outreach.Functions.Tests.Hosting;

public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task Failure_AnyInvocation_Is500ProblemWithTheInvocationId()
    {
        // Arrange
        using var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var request = HttpCalls.Request(services, "GET", "/api/staff/leaders");

        // Act
        var answer = await HttpCalls.RunAsync(UnexpectedErrorMiddleware.Failure("3f2c0c1e-invocation"), request);

        // Assert
        Assert.Equal(500, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("3f2c0c1e-invocation", answer.Json["invocationId"]!.GetValue<string>());
    }
}
