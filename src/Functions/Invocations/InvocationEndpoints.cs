using System.Diagnostics;
using System.Text.Json;

namespace Outreach.Functions.Invocations;

/// <summary>
/// Serves the host's payload-mode invocations at <c>POST /{FunctionName}</c>. A 2xx JSON answer completes the
/// invocation; any other status fails it (the host ignores the body and retries a queue message, then moves it to
/// <c>{queue}-poison</c> after <c>maxDequeueCount</c>), so the reason goes to the log (stderr), not only to the body.
/// </summary>
public static partial class InvocationEndpoints
{
    /// <summary>The header carrying the host's invocation id.</summary>
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>Maps <c>POST /{functionName}</c>. One path segment: it cannot collide with the forwarded <c>/api/...</c> routes.</summary>
    public static IEndpointRouteBuilder MapPayloadFunctions(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/{functionName}", InvokeAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> InvokeAsync(string functionName, HttpContext context, PayloadFunctionRegistry registry, ILoggerFactory loggerFactory)
    {
        var logger = loggerFactory.CreateLogger(typeof(InvocationEndpoints).FullName!);
        var invocationId = context.Request.Headers[InvocationIdHeader].ToString();
        if (registry.Find(functionName) is not { } function)
        {
            LogUnknownFunction(logger, functionName, invocationId);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "No such function",
                detail: $"The handler has no payload function named '{functionName}'. Function names are case-sensitive.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var request = await ReadRequestAsync(context).ConfigureAwait(false);
            var result = await function.InvokeAsync(request, context.RequestServices, context.RequestAborted).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogCompleted(logger, function.Name, invocationId, elapsed.TotalMilliseconds);
            return TypedResults.Json(result.ToResponse(), InvocationJsonContext.Default.InvocationResponse);
        }
        catch (MalformedInvocationException exception)
        {
            // A bad message will never succeed: fail fast so that the host's retries move it to the poison queue.
            LogMalformed(logger, exception, function.Name, invocationId, exception.Message);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed invocation", detail: exception.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogCancelled(logger, function.Name, invocationId);
            return TypedResults.StatusCode(499);
        }
#pragma warning disable CA1031 // Any failure of a function must become a failed invocation, never a crashed handler.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, function.Name, invocationId);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "The function failed", detail: "See the handler's log for the invocation id.");
        }
    }

    private static async Task<InvocationRequest> ReadRequestAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            throw new MalformedInvocationException("The invocation body is not JSON.");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, InvocationJsonContext.Default.InvocationRequest, context.RequestAborted).ConfigureAwait(false)
                ?? throw new MalformedInvocationException("The invocation body is JSON null.");
        }
        catch (JsonException exception)
        {
            throw new MalformedInvocationException("The invocation body is not the host's {Data, Metadata} envelope.", exception);
        }
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Function {FunctionName} completed (invocation {InvocationId}) in {ElapsedMilliseconds:0} ms")]
    private static partial void LogCompleted(ILogger logger, string functionName, string invocationId, double elapsedMilliseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Function {FunctionName} refused a malformed invocation {InvocationId}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, Exception exception, string functionName, string invocationId, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Function {FunctionName} failed (invocation {InvocationId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string functionName, string invocationId);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "No payload function named {FunctionName} (invocation {InvocationId})")]
    private static partial void LogUnknownFunction(ILogger logger, string functionName, string invocationId);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Function {FunctionName} was cancelled by the host (invocation {InvocationId})")]
    private static partial void LogCancelled(ILogger logger, string functionName, string invocationId);
}
