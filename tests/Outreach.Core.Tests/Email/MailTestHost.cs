using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Email;
using Outreach.Core.Email.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>The mail registration as the app makes it (<see cref="MailServiceCollectionExtensions.AddOutreachMail"/>), over settings of the test's choosing.</summary>
internal sealed class MailTestHost : IDisposable
{
    private readonly ServiceProvider provider;

    private MailTestHost(ServiceProvider provider) => this.provider = provider;

    public IMailSender Sender => provider.GetRequiredService<IMailSender>();

    public IServiceProvider Services => provider;

    public static MailTestHost Create(TimeProvider time, IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(time);
        services.AddOutreachMail(configuration);
        configure?.Invoke(services);
        return new MailTestHost(services.BuildServiceProvider());
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

    public void Dispose() => provider.Dispose();
}
