namespace Outreach.Bench.Measuring;

/// <summary>Times every request on the app's SendGrid <see cref="HttpClient"/> (innermost, so each attempt of a retried request is timed on its own).</summary>
internal sealed class TimedSendGridHandler(BusyTimes times) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = BusyTimes.Now();
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            times.Add("sendgrid", started);
        }
    }
}
