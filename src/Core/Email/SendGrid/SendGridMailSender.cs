using System.Net;
using System.Text.Json;
using global::SendGrid;
using global::SendGrid.Helpers.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// The production mail sender: one <see cref="OutgoingMail"/> becomes one SendGrid Mail Send request, and so does one
/// <see cref="BatchMail"/> with a personalization per recipient (<see cref="SendGridMessages"/>). Both are sent by the
/// SendGrid package's <see cref="SendGridClient"/> over the named <see cref="HttpClient"/> <see cref="HttpClientName"/>,
/// whose resilience pipeline (<see cref="SendGridResilience"/>) retries what provably did not reach SendGrid and holds
/// every request back while SendGrid's rate limit is spent (<see cref="SendGridRateLimitGate"/>). The answer becomes
/// our outcome the same way for both: accepted with the <c>X-Message-Id</c>, <see cref="MailRejectedException"/>,
/// <see cref="MailNotSentException"/> or <see cref="MailOutcomeUnknownException"/>. Nothing personal and never the API
/// key is logged.
/// </summary>
public sealed partial class SendGridMailSender : IMailSender, IBatchMailSender
{
    /// <summary>The name of the SendGrid <see cref="HttpClient"/> registered with <see cref="IHttpClientFactory"/>.</summary>
    public const string HttpClientName = "Outreach.SendGrid";

    private readonly IHttpClientFactory httpClients;
    private readonly SendGridOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<SendGridMailSender> logger;

    /// <summary>Creates the sender over the factory's <see cref="HttpClientName"/> client.</summary>
    public SendGridMailSender(IHttpClientFactory httpClients, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridMailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClients = httpClients;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>
    /// Sends <paramref name="mail"/>. Returns the <c>X-Message-Id</c> when SendGrid accepted it (202, or 200 without an
    /// id in sandbox mode). Throws <see cref="MailRejectedException"/> for 400 and 413 (this request is wrong),
    /// <see cref="MailNotSentException"/> when it certainly was not sent (429 or no connection after the retries, a
    /// refused key, a wrong base URL) and <see cref="MailOutcomeUnknownException"/> when it may have been (5xx, timeout,
    /// connection cut). Cancelling <paramref name="cancellationToken"/> during a rate-limit wait throws
    /// <see cref="MailNotSentException"/>; while a request is under way, <see cref="OperationCanceledException"/> (the
    /// caller's claim then stays open and the next attempt reports it as outcome unknown).
    /// </summary>
    public async Task<MailSendResult> SendAsync(OutgoingMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = SendGridMessages.Create(mail, options.SandboxMode, out var droppedCategories);
        if (droppedCategories > 0)
        {
            LogCategoriesDropped(logger, droppedCategories);
        }

        return await SendMessageAsync(message, cancellationToken);
    }

    /// <summary>
    /// Sends <paramref name="mail"/> as one request with a personalization per recipient; the answer means what it
    /// means for <see cref="SendAsync"/>, for the whole batch (the <c>X-Message-Id</c> is the request's). Throws
    /// <see cref="ArgumentException"/> before sending when the batch cannot be one request (see
    /// <see cref="SendGridMessages.Create(BatchMail, bool, out int)"/>).
    /// </summary>
    public async Task<MailSendResult> SendBatchAsync(BatchMail mail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = SendGridMessages.Create(mail, options.SandboxMode, out var droppedCategories);
        if (droppedCategories > 0)
        {
            LogCategoriesDropped(logger, droppedCategories);
        }

        LogSendingBatch(logger, mail.BatchKey, mail.Recipients.Count);
        return await SendMessageAsync(message, cancellationToken);
    }

    // The part both ports share: the request, the exceptions on the way and the answer, mapped to our outcome.
    private async Task<MailSendResult> SendMessageAsync(SendGridMessage message, CancellationToken cancellationToken)
    {
        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), new SendGridClientOptions
        {
            ApiKey = options.ApiKey,
            Host = options.BaseUrl.TrimEnd('/'),
        });
        var attempts = SendGridAttempts.Begin();
        Response response;
        try
        {
            response = await client.SendEmailAsync(message, cancellationToken);
        }
        catch (HttpRequestException exception) when (SendGridResilience.NeverConnected(exception))
        {
            LogNotConnected(logger, exception.HttpRequestError.ToString(), attempts.Count, exception);
            throw new MailNotSentException($"SendGrid could not be reached ({attempts.Count} attempts); nothing was sent.", innerException: exception);
        }
        catch (HttpRequestException exception)
        {
            LogOutcomeUnknown(logger, null, exception);
            throw new MailOutcomeUnknownException("The connection to SendGrid failed after the request was sent; the mail is not resent.", exception);
        }
        catch (TimeoutRejectedException exception)
        {
            LogOutcomeUnknown(logger, null, exception);
            throw new MailOutcomeUnknownException($"SendGrid did not answer within {options.TimeoutSeconds} s; the mail may have been accepted, so it is not resent.", exception);
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested && attempts.NoneTaken)
        {
            // Stopped while waiting out a 429 (this request's or, at the rate-limit gate, another's) or a refused
            // connection: SendGrid took none of the requests, so this is certainly not sent and the caller may release
            // its claim.
            throw new MailNotSentException("Stopped while waiting for SendGrid's rate limit or a retry; nothing was sent.", innerException: exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout (the pipeline's comes first unless the client was configured otherwise).
            LogOutcomeUnknown(logger, null, exception);
            throw new MailOutcomeUnknownException("SendGrid did not answer in time; the mail may have been accepted, so it is not resent.", exception);
        }

        using (response.Body)
        {
            return await ToResultAsync(response, attempts.Count, cancellationToken);
        }
    }

    private async Task<MailSendResult> ToResultAsync(Response response, int attempts, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        switch (status)
        {
            case 200 or 202:
                var messageId = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
                LogAccepted(logger, status, attempts);
                return new MailSendResult(string.IsNullOrWhiteSpace(messageId) ? null : messageId);

            case 429:
                var wait = SendGridResilience.RateLimitDelay(response.Headers, time.GetUtcNow());
                LogRateLimitedGivingUp(logger, attempts, wait?.TotalSeconds);
                throw new MailNotSentException(
                    wait is null
                        ? $"SendGrid rate limited the request {attempts} times; nothing was sent."
                        : $"SendGrid rate limited the request {attempts} times; nothing was sent, try again in {wait.Value.TotalSeconds:0} s.",
                    wait);

            case 400 or 413:
                var errors = await ReadErrorsAsync(response, cancellationToken);
                LogRejected(logger, status, errors.Count);
                throw new MailRejectedException(status, errors);

            case 401 or 403:
                // The key is missing, wrong, revoked or lacks the Mail Send permission, or the sender is not verified:
                // a fault of our configuration, not of this letter. Reported as not sent (the claim is released and the
                // queue retries, then parks the message in the poison queue) so that a bad key does not mark every
                // leader's letter rejected for good; once the key is fixed the letters go out.
                var authorizationErrors = await ReadErrorsAsync(response, cancellationToken);
                LogUnauthorized(logger, status);
                throw new MailNotSentException($"SendGrid refused the request ({status}): {Describe(authorizationErrors)}. Check {SendGridOptions.Section}:ApiKey (Mail Send permission) and the sender identity.");

            case >= 500:
                LogOutcomeUnknown(logger, status, null);
                throw new MailOutcomeUnknownException($"SendGrid answered {status}; the mail may or may not have been accepted, so it is not resent.");

            case >= 300:
                // 404, 405, 415… or a redirect (never followed): the base URL or the request's framing is wrong.
                var otherErrors = await ReadErrorsAsync(response, cancellationToken);
                LogUnexpectedStatus(logger, status);
                throw new MailNotSentException($"SendGrid answered {status}: {Describe(otherErrors)}. Check {SendGridOptions.Section}:BaseUrl.");

            default:
                LogOutcomeUnknown(logger, status, null);
                throw new MailOutcomeUnknownException($"SendGrid answered the unexpected status {status}; the mail is not resent.");
        }
    }

    // SendGrid's error body: {"errors":[{"message":…,"field":…,"help":…}]}; help is left out (a string where the
    // description says object). Read without the package's dynamic Newtonsoft dictionary.
    private static async Task<IReadOnlyList<string>> ReadErrorsAsync(Response response, CancellationToken cancellationToken)
    {
        try
        {
            var content = await response.Body.ReadAsByteArrayAsync(cancellationToken);
            if (content.Length == 0)
            {
                return [];
            }

            using var document = JsonDocument.Parse(content);
            if (!document.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var messages = new List<string>();
            foreach (var error in errors.EnumerateArray())
            {
                var message = Text(error, "message");
                var field = Text(error, "field");
                if (!string.IsNullOrWhiteSpace(message))
                {
                    messages.Add(string.IsNullOrWhiteSpace(field) || field == "null" ? message : $"{field}: {message}");
                }
            }

            return messages;
        }
        catch (Exception exception) when (exception is JsonException or HttpRequestException or IOException)
        {
            // The status alone is the answer; an unreadable body must not hide it.
            return [];
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.ValueKind == JsonValueKind.Object && error.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Describe(IReadOnlyList<string> errors) => errors.Count == 0 ? "no details" : string.Join("; ", errors);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending batch {BatchKey} to {Recipients} recipients in one SendGrid request")]
    private static partial void LogSendingBatch(ILogger logger, string batchKey, int recipients);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SendGrid accepted the mail ({Status}) after {Attempts} requests")]
    private static partial void LogAccepted(ILogger logger, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid rate limited {Attempts} requests; giving up for now, SendGrid asks to wait {DelaySeconds} s")]
    private static partial void LogRateLimitedGivingUp(ILogger logger, int attempts, double? delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid rejected the mail ({Status}) with {ErrorCount} errors")]
    private static partial void LogRejected(ILogger logger, int status, int errorCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid refused the API key or sender ({Status}); check the SendGrid configuration")]
    private static partial void LogUnauthorized(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Error, Message = "SendGrid answered the unexpected status {Status}; check the SendGrid base URL")]
    private static partial void LogUnexpectedStatus(ILogger logger, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SendGrid could not be reached ({Error}) in {Attempts} attempts; nothing was sent")]
    private static partial void LogNotConnected(ILogger logger, string error, int attempts, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outcome of a SendGrid send is unknown (status {Status}); it is not resent")]
    private static partial void LogOutcomeUnknown(ILogger logger, int? status, Exception? exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Left out {Count} categories that SendGrid would refuse (duplicate, non-ASCII, too long or more than 10)")]
    private static partial void LogCategoriesDropped(ILogger logger, int count);
}
