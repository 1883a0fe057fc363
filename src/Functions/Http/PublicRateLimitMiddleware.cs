using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Outreach.Functions.Http;

/// <summary>
/// The one place that rate-limits the public endpoints: an invocation of a function marked
/// <see cref="PublicRateLimitedAttribute"/> past its client's permits does not run, and the caller gets a 429 problem with
/// <c>Retry-After</c>. The client is the first address of <c>X-Forwarded-For</c> (what App Service's front end passes on)
/// when it is one, else the connection's remote address. Other functions pass through untouched.
/// </summary>
public sealed class PublicRateLimitMiddleware(PublicRateLimiter limiter) : IFunctionsWorkerMiddleware
{
    /// <summary>The header a proxy names the client in.</summary>
    public const string ForwardedForHeader = "X-Forwarded-For";

    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next) => RefusingMiddleware.InvokeAsync(context, next, Check);

    /// <summary>Null lets the invocation of the function at <paramref name="entryPoint"/> run; otherwise the 429 problem to answer.</summary>
    public IResult? Check(string entryPoint, HttpContext? http)
    {
        if (http is null || FunctionEntryPoints.Attribute<PublicRateLimitedAttribute>(entryPoint) is null)
        {
            return null;
        }

        if (limiter.TryAcquire(ClientOf(http)) is not { } retryAfter)
        {
            return null;
        }

        var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Status(StatusCodes.Status429TooManyRequests, "Too many requests", $"Try again in {seconds} seconds.");
    }

    /// <summary>The client address a request is counted against: X-Forwarded-For's first hop when it is an address, else the remote address.</summary>
    public static string ClientOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var first = http.Request.Headers[ForwardedForHeader].ToString().Split(',')[0].Trim();

        // "203.0.113.7", "203.0.113.7:5123" or "[2001:db8::1]:5123"; anything else is not an address and is ignored.
        var forwarded = IPEndPoint.TryParse(first, out var endPoint) ? endPoint.Address : null;
        return (forwarded ?? http.Connection.RemoteIpAddress)?.ToString() ?? "unknown";
    }
}
