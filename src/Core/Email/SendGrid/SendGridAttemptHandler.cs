using System.Net;

namespace Outreach.Core.Email.SendGrid;

/// <summary>
/// The innermost handler of the SendGrid client (below the retry and timeout), so it sees every single request:
/// records each in the send's <see cref="SendGridAttempts"/>.
/// </summary>
internal sealed class SendGridAttemptHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempts = SendGridAttempts.Current;
        attempts?.Started();
        var provablyNotTaken = false;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            provablyNotTaken = response.StatusCode == HttpStatusCode.TooManyRequests;
            return response;
        }
        catch (HttpRequestException exception) when (SendGridResilience.NeverConnected(exception))
        {
            provablyNotTaken = true;
            throw;
        }
        finally
        {
            attempts?.Finished(provablyNotTaken);
        }
    }
}
