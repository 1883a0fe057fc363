using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// Our client for SendGrid's <c>POST /v3/mail/send</c> (a typed <see cref="HttpClient"/>; base address and timeout are set
/// where it is registered). SendGrid has no idempotency key, so the client repeats a request only when SendGrid
/// certainly did not take it: after a 429 (waiting until <c>X-RateLimit-Reset</c>, or backing off when that header is
/// missing). A 5xx, a timeout or a connection lost after the request left is reported as outcome unknown and never
/// resent. Nothing personal and never the API key is logged.
/// </summary>
public sealed partial class SendGridClient
{
    /// <summary>The Mail Send path, relative to the base URL.</summary>
    public const string MailSendPath = "v3/mail/send";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient http;
    private readonly SendGridOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridClient> logger;

    /// <summary>Creates the client over <paramref name="http"/>, whose base address is SendGrid's.</summary>
    public SendGridClient(HttpClient http, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.http = http;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Sends <paramref name="request"/>. Returns the <c>X-Message-Id</c> when SendGrid accepted it (202, or 200 in
    /// sandbox mode). Throws <see cref="MailRejectedException"/> for 400 and 413 (this request is wrong),
    /// <see cref="MailNotSentException"/> when it certainly was not sent (429 after the retries, a refused key, no
    /// connection) and <see cref="MailOutcomeUnknownException"/> when it may have been (5xx, timeout, connection cut).
    /// Cancelling <paramref name="cancellationToken"/> while a request is under way throws
    /// <see cref="OperationCanceledException"/> (the caller's claim then stays open and the next attempt reports it as
    /// outcome unknown); cancelling during a rate-limit wait throws <see cref="MailNotSentException"/>.
    /// </summary>
    public async Task<MailSendResult> SendMailAsync(SendGridMailRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonSerializer.SerializeToUtf8Bytes(request, SendGridJsonContext.Default.SendGridMailRequest);
        for (var attempt = 1; ; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, MailSendPath);
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            // Without a charset parameter, as SendGrid's own libraries send it; the body is UTF-8 JSON.
            message.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };

            using var response = await SendOnceAsync(message, cancellationToken);
            var status = (int)response.StatusCode;
            switch (status)
            {
                case 200 or 202:
                    var messageId = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
                    LogAccepted(logger, status, attempt);
                    return new MailSendResult(string.IsNullOrWhiteSpace(messageId) ? null : messageId);

                case 429:
                    var wait = RetryDelay(response, attempt);
                    if (attempt > options.RateLimitRetries || wait > TimeSpan.FromSeconds(options.MaxRetryDelaySeconds))
                    {
                        LogRateLimitedGivingUp(logger, attempt, wait.TotalSeconds);
                        throw new MailNotSentException($"SendGrid rate limited the request {attempt} times; try again in {wait.TotalSeconds:0} s.", wait);
                    }

                    LogRateLimited(logger, attempt, wait.TotalSeconds);
                    try
                    {
                        await Task.Delay(wait, time, cancellationToken);
                    }
                    catch (OperationCanceledException exception)
                    {
                        // Stopped while waiting: SendGrid refused every attempt so far, so this is certainly not sent and
                        // the caller may release its claim (an OperationCanceledException would leave it looking unknown).
                        throw new MailNotSentException("Stopped while waiting out SendGrid's rate limit; nothing was sent.", wait, exception);
                    }

                    continue;

                case 400 or 413:
                    var errors = await ReadErrorsAsync(response, cancellationToken);
                    LogRejected(logger, status, errors.Count);
                    throw new MailRejectedException(status, errors);

                case 401 or 403:
                    // The key is missing, wrong, revoked or lacks the Mail Send permission, or the sender is not verified:
                    // a fault of our configuration, not of this letter. Reported as not sent (the claim is released and
                    // the queue retries, then parks the message in the poison queue) so that a bad key does not mark every
                    // leader's letter rejected for good; once the key is fixed the letters go out.
                    var authErrors = await ReadErrorsAsync(response, cancellationToken);
                    LogUnauthorized(logger, status);
                    throw new MailNotSentException($"SendGrid refused the request ({status}): {Describe(authErrors)}. Check {SendGridOptions.Section}:ApiKey (Mail Send permission) and the sender identity.");

                case >= 500:
                    LogOutcomeUnknown(logger, status, null);
                    throw new MailOutcomeUnknownException($"SendGrid answered {status}; the mail may or may not have been accepted, so it is not resent.");

                case >= 300:
                    // 404, 405, 415… or a redirect: the base URL or the request's framing is wrong; nothing was accepted.
                    var otherErrors = await ReadErrorsAsync(response, cancellationToken);
                    LogUnexpectedStatus(logger, status);
                    throw new MailNotSentException($"SendGrid answered {status}: {Describe(otherErrors)}. Check {SendGridOptions.Section}:BaseUrl.");

                default:
                    LogOutcomeUnknown(logger, status, null);
                    throw new MailOutcomeUnknownException($"SendGrid answered the unexpected status {status}; the mail is not resent.");
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        try
        {
            // Headers only: the status is the answer, and a body read cannot turn an accepted mail into a failure.
            return await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            // No connection was made, so no byte of the request reached SendGrid.
            LogNotConnected(logger, exception.HttpRequestError.ToString(), exception);
            throw new MailNotSentException("SendGrid could not be reached; nothing was sent.", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            LogOutcomeUnknown(logger, null, exception);
            throw new MailOutcomeUnknownException("The connection to SendGrid failed after the request was sent; the mail is not resent.", exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout: SendGrid may have taken the mail without answering in time.
            LogOutcomeUnknown(logger, null, exception);
            throw new MailOutcomeUnknownException($"SendGrid did not answer within {options.TimeoutSeconds} s; the mail may have been accepted, so it is not resent.", exception);
        }
    }

    // X-RateLimit-Reset is an absolute time in epoch seconds; Retry-After is honoured too; else exponential backoff.
    private TimeSpan RetryDelay(HttpResponseMessage response, int attempt)
    {
        var minimum = TimeSpan.FromSeconds(1);
        if (response.Headers.TryGetValues("X-RateLimit-Reset", out var resets)
            && long.TryParse(resets.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var resetSeconds))
        {
            var untilReset = DateTimeOffset.FromUnixTimeSeconds(resetSeconds) - time.GetUtcNow();
            return untilReset > minimum ? untilReset : minimum;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var delay = retryAfter.Delta ?? (retryAfter.Date - time.GetUtcNow()) ?? minimum;
            return delay > minimum ? delay : minimum;
        }

        // 1, 2, 4, … seconds with ±20 % jitter, so that parallel workers do not come back together.
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, attempt - 1) * (0.8 + (Random.Shared.NextDouble() * 0.4)));
        var cap = TimeSpan.FromSeconds(options.MaxRetryDelaySeconds);
        return backoff < cap ? backoff : cap;
    }

    private static async Task<IReadOnlyList<string>> ReadErrorsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var parsed = content.Length == 0 ? null : JsonSerializer.Deserialize(content, SendGridJsonContext.Default.SendGridErrorResponse);
            return parsed?.Errors?
                       .Where(error => !string.IsNullOrWhiteSpace(error.Message))
                       .Select(error => string.IsNullOrWhiteSpace(error.Field) || error.Field == "null" ? error.Message! : $"{error.Field}: {error.Message}")
                       .ToList()
                   ?? [];
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
        {
            // The status alone is the answer; an unreadable body must not hide it.
            return [];
        }
    }

    private static string Describe(IReadOnlyList<string> errors) => errors.Count == 0 ? "no details" : string.Join("; ", errors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SendGrid accepted the mail ({Status}) on attempt {Attempt}")]
    private static partial void LogAccepted(ILogger logger, int status, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid rate limited attempt {Attempt}; trying again in {DelaySeconds:0.0} s")]
    private static partial void LogRateLimited(ILogger logger, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid rate limited attempt {Attempt}; giving up for now, SendGrid asks to wait {DelaySeconds:0.0} s")]
    private static partial void LogRateLimitedGivingUp(ILogger logger, int attempt, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid rejected the mail ({Status}) with {ErrorCount} errors")]
    private static partial void LogRejected(ILogger logger, int status, int errorCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid refused the API key or sender ({Status}); check the SendGrid configuration")]
    private static partial void LogUnauthorized(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid answered the unexpected status {Status}; check the SendGrid base URL")]
    private static partial void LogUnexpectedStatus(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid could not be reached ({Error}); nothing was sent")]
    private static partial void LogNotConnected(ILogger logger, string error, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of a SendGrid send is unknown (status {Status}); it is not resent")]
    private static partial void LogOutcomeUnknown(ILogger logger, int? status, Exception? exception);
}
