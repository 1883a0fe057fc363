using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Outreach.DevHost.TestWorker;

/// <summary>An HTTP function whose answer shows the route value, the method, a request header and the body.</summary>
public static class HttpFunctions
{
    /// <summary>Answers 201 with a header and a body made from the request.</summary>
    [Function("Hello")]
    public static async Task<IActionResult> Hello(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "hello/{name}")] HttpRequest request,
        string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        request.HttpContext.Response.Headers["X-Test-Echo"] = request.Headers["X-Test"].ToString();
        return new ContentResult
        {
            StatusCode = StatusCodes.Status201Created,
            ContentType = "text/plain; charset=utf-8",
            Content = $"{request.Method} hello {name}: {body}",
        };
    }
}
