using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Core.Email;
using Outreach.Testing.Logging;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>Nothing personal and no secret reaches the logs, whatever SendGrid answers, down to the HttpClient's own trace.</summary>
public sealed class MailLoggingTests : IAsyncLifetime
{
    private const string ApiKey = "SG.secret-key-that-must-not-be-logged";

    private readonly RecordingLoggerProvider logs = new();
    private FakeSendGridServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeSendGridServer.StartAsync();
        server.ApiKey = ApiKey;
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task SendAsync_EveryAnswer_LogsNoNameAddressSubjectOrKey()
    {
        // The real clock: the per-attempt timeout must expire by itself here.
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, TimeProvider.System, apiKey: ApiKey, timeoutSeconds: 1,
            configure: services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));
        var mail = MailSamples.MemberWelcome();

        // A 429 first, so that the resilience pipeline's own retry log is in the record too (a wait of about 1 s).
        server.ThrottleNext(1, DateTimeOffset.UtcNow.AddSeconds(1));
        await host.Sender.SendAsync(mail);
        server.RejectNext(400, ("Invalid type. Expected: string, given: null.", "subject"));
        server.FailNext(1, 503);
        server.HangNext();
        await Assert.ThrowsAsync<MailRejectedException>(() => host.Sender.SendAsync(mail));
        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => host.Sender.SendAsync(mail));
        await Assert.ThrowsAsync<MailOutcomeUnknownException>(() => host.Sender.SendAsync(mail));

        var written = logs.Text;
        Assert.Contains("SendGrid", written, StringComparison.Ordinal);
        Assert.Contains("/v3/mail/send", written, StringComparison.Ordinal); // the HttpClient trace is included
        Assert.Contains("429", written, StringComparison.Ordinal); // and the retry's
        foreach (var secret in new[] { ApiKey, "soeren", "Søren", "Ærø", "leder@storkobenhavn", "Velkommen", "token=" })
        {
            Assert.DoesNotContain(secret, written, StringComparison.OrdinalIgnoreCase);
        }
    }
}
