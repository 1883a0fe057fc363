using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using Outreach.DevHost.AppModel;

namespace Outreach.DevHost.Invocations;

/// <summary>One finished invocation, kept for the console and for tests that wait on DevHost.</summary>
/// <param name="FunctionName">The function.</param>
/// <param name="InvocationId">The id sent in <c>X-Azure-Functions-InvocationId</c>.</param>
/// <param name="Succeeded">The outcome.</param>
/// <param name="Duration">How long the handler took.</param>
/// <param name="OutputMessages">Queue messages written from its outputs.</param>
/// <param name="FailureReason">Why it failed, or null.</param>
public sealed record InvocationRecord(string FunctionName, string InvocationId, bool Succeeded, TimeSpan Duration, int OutputMessages, string? FailureReason);

/// <summary>
/// Sends payload-mode invocations to the handler exactly as the host does: <c>POST /{FunctionName}</c> with the JSON body,
/// <c>X-Azure-Functions-HostVersion</c>, <c>X-Azure-Functions-InvocationId</c> and the host's User-Agent, waiting at most
/// functionTimeout + 1 minute; writes the queue outputs, logs the outcome like <c>func start</c>.
/// </summary>
public sealed partial class HandlerInvoker : IDisposable
{
    /// <summary>The host version DevHost announces (the Functions host line it plays).</summary>
    public const string HostVersion = "4.1037.0.0";

    private const int RecentInvocationsKept = 1000;
    private readonly HttpClient client;
    private readonly Func<FunctionDefinition, InvocationResult, CancellationToken, Task<int>> writeOutputs;
    private readonly ILoggerFactory loggerFactory;
    private readonly Queue<InvocationRecord> recent = new();

    /// <summary>Creates the invoker for the handler at <paramref name="handlerAddress"/>.</summary>
    public HandlerInvoker(
        Uri handlerAddress,
        TimeSpan? functionTimeout,
        Func<FunctionDefinition, InvocationResult, CancellationToken, Task<int>> writeOutputs,
        ILoggerFactory loggerFactory)
    {
        client = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false, AllowAutoRedirect = true })
        {
            BaseAddress = handlerAddress,
            Timeout = functionTimeout is { } timeout ? timeout + TimeSpan.FromMinutes(1) : Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Azure-Functions-Host/" + HostVersion);
        this.writeOutputs = writeOutputs;
        this.loggerFactory = loggerFactory;
    }

    /// <summary>The most recent invocations (up to 1000), oldest first.</summary>
    public IReadOnlyList<InvocationRecord> RecentInvocations
    {
        get
        {
            lock (recent)
            {
                return [.. recent];
            }
        }
    }

    /// <summary>
    /// Invokes <paramref name="function"/> with <paramref name="body"/>; <paramref name="reason"/> says why (logged as the host's
    /// "Reason="). Returns the outcome after the outputs are written; never throws for a failed invocation.
    /// </summary>
    public async Task<InvocationRecord> InvokeAsync(FunctionDefinition function, string body, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(function);
        var logger = loggerFactory.CreateLogger("Function." + function.Name);
        var invocationId = Guid.NewGuid().ToString("D");
        LogExecuting(logger, function.Name, reason, invocationId);
        var started = Stopwatch.GetTimestamp();
        InvocationResult result;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Uri.EscapeDataString(function.Name))
            {
                Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
            };
            request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", HostVersion);
            request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", invocationId);
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            result = InvocationResult.FromResponse(function, response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
        }
        catch (HttpRequestException exception)
        {
            result = InvocationResult.Failed("The handler could not be reached: " + exception.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = InvocationResult.Failed("The handler did not answer within functionTimeout.");
        }

        var outputCount = 0;
        if (result.Succeeded)
        {
            foreach (var line in result.Logs)
            {
                LogHandlerLine(logger, line);
            }

            foreach (var warning in result.Warnings)
            {
                LogOutputWarning(logger, function.Name, warning);
            }

            try
            {
                outputCount = await writeOutputs(function, result, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The host fails the invocation when an output binding cannot be written; the trigger's retry applies.
                result = InvocationResult.Failed("Writing the output bindings failed: " + exception.Message);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        if (result.Succeeded)
        {
            LogSucceeded(logger, function.Name, invocationId, elapsed.TotalMilliseconds, outputCount);
        }
        else
        {
            LogFailed(logger, function.Name, invocationId, elapsed.TotalMilliseconds, result.FailureReason ?? "unknown");
        }

        var record = new InvocationRecord(function.Name, invocationId, result.Succeeded, elapsed, outputCount, result.FailureReason);
        lock (recent)
        {
            recent.Enqueue(record);
            while (recent.Count > RecentInvocationsKept)
            {
                recent.Dequeue();
            }
        }

        return record;
    }

    /// <inheritdoc />
    public void Dispose() => client.Dispose();

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Executing 'Functions.{FunctionName}' (Reason='{Reason}', Id={InvocationId})")]
    private static partial void LogExecuting(ILogger logger, string functionName, string reason, string invocationId);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "Executed 'Functions.{FunctionName}' (Succeeded, Id={InvocationId}, Duration={DurationMilliseconds:0}ms, {OutputMessages} output message(s))")]
    private static partial void LogSucceeded(ILogger logger, string functionName, string invocationId, double durationMilliseconds, int outputMessages);

    [LoggerMessage(EventId = 202, Level = LogLevel.Error, Message = "Executed 'Functions.{FunctionName}' (Failed, Id={InvocationId}, Duration={DurationMilliseconds:0}ms): {Reason}")]
    private static partial void LogFailed(ILogger logger, string functionName, string invocationId, double durationMilliseconds, string reason);

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "{Line}")]
    private static partial void LogHandlerLine(ILogger logger, string line);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "{FunctionName}: {Warning}")]
    private static partial void LogOutputWarning(ILogger logger, string functionName, string warning);
}
