using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Tests.Operations;

/// <summary>What the staff middleware answers a request for a function, as it decides for the worker.</summary>
internal static class OperationsAccess
{
    /// <summary>The status the middleware answers (200 when it lets the request in) for <paramref name="apiKey"/> (none when null).</summary>
    public static async Task<int> StatusAsync(IServiceProvider services, Type type, string method, string? apiKey)
    {
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        if (apiKey is not null)
        {
            context.Request.Headers[StaffAuthenticator.ApiKeyHeader] = apiKey;
        }

        var refusal = new StaffAuthorizationMiddleware(services.GetRequiredService<StaffAuthenticator>()).Check(type.FullName + "." + method, context);
        if (refusal is null)
        {
            return 200;
        }

        await refusal.ExecuteAsync(context);
        Assert.Equal("application/problem+json", context.Response.ContentType?.Split(';')[0]);
        return context.Response.StatusCode;
    }
}
