using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Outreach.Functions.Http;

/// <summary>What the middlewares that may refuse an HTTP invocation before the function runs have in common.</summary>
public static class RefusingMiddleware
{
    /// <summary>
    /// Runs the function unless <paramref name="check"/> (given the entry point and the request) answers a refusal; the
    /// refusal then becomes the invocation's result, which the ASP.NET Core integration writes as the response.
    /// </summary>
    public static async Task InvokeAsync(FunctionContext context, FunctionExecutionDelegate next, Func<string, HttpContext?, IResult?> check)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(check);
        if (check(context.FunctionDefinition.EntryPoint, context.GetHttpContext()) is { } refusal)
        {
            context.GetInvocationResult().Value = refusal;
            return;
        }

        await next(context).ConfigureAwait(false);
    }
}
