using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Email;
using Outreach.Testing.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>Nothing personal and no secret reaches the logs, whatever SendGrid answers, down to the HttpClient's own trace.</summary>
public sealed class MailLoggingTests : IAsyncLifetime
{
    private const string ApiKey = "SG.secret-key-that-must-not-be-logged";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 6, 15, 0, TimeSpan.Zero));
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
        using var host = MailTestHost.ForSendGrid(server.BaseUrl, clock, apiKey: ApiKey, timeoutSeconds: 1,
            configure: services => services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs)));
        var mail = MailSamples.MemberWelcome();

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
        foreach (var secret in new[] { ApiKey, "soeren", "Søren", "Ærø", "leder@storkobenhavn", "Velkommen", "token=" })
        {
            Assert.DoesNotContain(secret, written, StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly Lock gate = new();
        private readonly System.Text.StringBuilder text = new();

        public string Text
        {
            get
            {
                lock (gate)
                {
                    return text.ToString();
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private void Write(string line)
        {
            lock (gate)
            {
                text.AppendLine(line);
            }
        }

        private sealed class Logger(RecordingLoggerProvider provider) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Write(formatter(state, exception) + " " + exception);
        }
    }
}
