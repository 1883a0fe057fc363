using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Tests;

/// <summary>Builds requests as the ASP.NET Core integration hands them to a function, and runs a function's result into a response.</summary>
internal static class HttpCalls
{
    /// <summary>A request with the container as its services; <paramref name="pathAndQuery"/> may carry a query string.</summary>
    public static HttpRequest Request(IServiceProvider services, string method, string pathAndQuery, string? body = null, string contentType = "application/json")
    {
        var context = new DefaultHttpContext { RequestServices = services };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = contentType;
        }

        context.Response.Body = new MemoryStream();
        return context.Request;
    }

    /// <summary>A request of a staff member with <paramref name="apiKey"/>, authenticated as the middleware does.</summary>
    public static HttpRequest StaffRequest(IServiceProvider services, string method, string pathAndQuery, string? body = null, string contentType = "application/json", string? apiKey = null)
    {
        var request = Request(services, method, pathAndQuery, body, contentType);
        request.Headers[StaffAuthenticator.ApiKeyHeader] = apiKey ?? FunctionsFixture.StaffKey;
        var refusal = services.GetRequiredService<StaffAuthenticator>().Authorize(request.HttpContext, [StaffRoles.Staff, StaffRoles.Admin]);
        Assert.Null(refusal);
        return request;
    }

    /// <summary>Writes <paramref name="result"/> to the request's response as the worker does, and reads it back.</summary>
    public static async Task<Answer> RunAsync(IResult result, HttpRequest request)
    {
        var context = request.HttpContext;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body);
        return new Answer(context.Response.StatusCode, context.Response.ContentType, await reader.ReadToEndAsync());
    }

    /// <summary>Calls a function and runs its result.</summary>
    public static async Task<Answer> CallAsync(HttpRequest request, Func<HttpRequest, Task<IResult>> function) =>
        await RunAsync(await function(request), request);
}

/// <summary>A response as the caller sees it.</summary>
internal sealed record Answer(int Status, string? ContentType, string Text)
{
    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidDataException("The body is JSON null.");

    public string? MediaType => ContentType?.Split(';')[0];
}
