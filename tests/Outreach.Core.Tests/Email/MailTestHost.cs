using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Email;
using Outreach.Core.Email.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>The mail registration as the app makes it (<see cref="MailServiceCollectionExtensions.AddOutreachMail"/>), over settings of the test's choosing.</summary>
internal sealed class MailTestHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly FakeTimeProvider? clock;

    private MailTestHost(ServiceProvider provider, FakeTimeProvider? clock)
    {
        this.provider = provider;
        this.clock = clock;
    }

    public IMailSender Sender => provider.GetRequiredService<IMailSender>();

    public IServiceProvider Services => provider;

    public static MailTestHost Create(TimeProvider time, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(time);
        services.AddOutreachMail(configuration);
        configure?.Invoke(services);
        var clock = time switch
        {
            FakeTimeProvider fake => fake,
            TimerWatchingTimeProvider watching => watching.Clock,
            _ => null,
        };
        return new MailTestHost(services.BuildServiceProvider(), clock);
    }

    public static MailTestHost ForSendGrid(string baseUrl, TimeProvider time, string apiKey = Testing.SendGrid.FakeSendGridServer.DefaultApiKey, int timeoutSeconds = 10, int rateLimitRetries = 3, bool sandbox = false, Action<IServiceCollection>? configure = null) =>
        Create(time, new Dictionary<string, string?>
        {
            [MailOptions.Section + ":Mode"] = "SendGrid",
            [SendGridOptions.Section + ":ApiKey"] = apiKey,
            [SendGridOptions.Section + ":BaseUrl"] = baseUrl,
            [SendGridOptions.Section + ":TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SendGridOptions.Section + ":RateLimitRetries"] = rateLimitRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [SendGridOptions.Section + ":SandboxMode"] = sandbox ? "true" : "false",
        }, configure);

    // Polly waits, on the app's clock, for sends still under way before it disposes a pipeline. On a fake clock that wait
    // never ends unless the clock moves, so a test that fails while a send waits would hang instead of failing.
    public void Dispose()
    {
        if (clock is null)
        {
            provider.Dispose();
            return;
        }

        var disposing = Task.Run(provider.Dispose);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!disposing.Wait(TimeSpan.FromMilliseconds(10)) && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        disposing.GetAwaiter().GetResult();
    }
}
