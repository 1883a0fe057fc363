using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Outreach.Functions.Http;

/// <summary>
/// Turns an HTTP function's unexpected exception (storage down, a bug) into a 500 problem with the invocation id, so every
/// error a caller sees is problem details, and logs it. Queue and timer functions pass through: their exceptions must
/// reach the host, which retries and poisons queue messages.
/// </summary>
public sealed partial class UnexpectedErrorMiddleware(ILogger<UnexpectedErrorMiddleware> logger) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is not { } http)
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!http.RequestAborted.IsCancellationRequested)
        {
            LogFailed(logger, exception, context.FunctionDefinition.Name, context.InvocationId);
            context.GetInvocationResult().Value = Failure(context.InvocationId);
        }
    }

    /// <summary>The answer to a request that failed for a reason of ours, not the caller's.</summary>
    public static IResult Failure(string invocationId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status500InternalServerError,
            title: "The request failed",
            detail: "Something on our side failed. Try again later, or give us the invocation id.",
            extensions: new Dictionary<string, object?> { ["invocationId"] = invocationId });

    [LoggerMessage(EventId = 400, Level = LogLevel.Error, Message = "HTTP function {FunctionName} failed (invocation {InvocationId}); answered 500")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId);
}
