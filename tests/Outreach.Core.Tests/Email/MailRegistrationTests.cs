using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;
using Outreach.Core.Email.Outbox;
using Outreach.Core.Email.SendGrid;

namespace Outreach.Core.Tests.Email;

/// <summary>AddOutreachMail: the mode picks the sender, and bad settings stop the app at start with the key at fault.</summary>
public sealed class MailRegistrationTests
{
    [Fact]
    public void AddOutreachMail_NoSettings_UsesTheOutboxAndNeedsNoSendGridKey()
    {
        using var host = MailTestHost.Create(TimeProvider.System, new Dictionary<string, string?>());

        ValidateAtStart(host);

        Assert.IsType<OutboxMailSender>(host.Sender);
        var appRoot = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();
        Assert.Equal(Outreach.Core.AppRoot.Resolve(appRoot, "outbox"), ((OutboxMailSender)host.Sender).Folder);
    }

    [Fact]
    public void AddOutreachMail_SendGridMode_UsesSendGridWithTheConfiguredSettings()
    {
        using var host = MailTestHost.ForSendGrid("https://api.eu.sendgrid.com", TimeProvider.System, timeoutSeconds: 45);

        ValidateAtStart(host);

        Assert.IsType<SendGridMailSender>(host.Sender);
        var options = host.Services.GetRequiredService<IOptions<SendGridOptions>>().Value;
        Assert.Equal("https://api.eu.sendgrid.com", options.BaseUrl);
        Assert.Equal(45, options.TimeoutSeconds);
    }

    [Theory]
    [InlineData("Outbox", typeof(OutboxMailSender))]
    [InlineData("SendGrid", typeof(SendGridMailSender))]
    public void AddOutreachMail_Mode_PicksTheBatchSenderWithTheSingleSender(string mode, Type expected)
    {
        using var host = MailTestHost.Create(TimeProvider.System, new Dictionary<string, string?>
        {
            [MailOptions.Section + ":Mode"] = mode,
            [SendGridOptions.Section + ":ApiKey"] = "SG.key",
        });

        var batches = host.Services.GetRequiredService<IBatchMailSender>();

        Assert.IsType(expected, batches);
        Assert.Same(host.Sender, batches);
    }

    [Theory]
    [InlineData("ApiKey", "", "ApiKey is required")]
    [InlineData("BaseUrl", "api.sendgrid.com", "BaseUrl must be an absolute")]
    [InlineData("BaseUrl", "ftp://api.sendgrid.com", "BaseUrl must be an absolute")]
    [InlineData("TimeoutSeconds", "0", "TimeoutSeconds must be between 1 and 300")]
    [InlineData("TimeoutSeconds", "301", "TimeoutSeconds must be between 1 and 300")]
    public void AddOutreachMail_SendGridModeWithBadSetting_FailsAtStartNamingTheKey(string key, string value, string expected)
    {
        using var host = MailTestHost.Create(TimeProvider.System, new Dictionary<string, string?>
        {
            [MailOptions.Section + ":Mode"] = "SendGrid",
            [SendGridOptions.Section + ":ApiKey"] = "SG.key",
            [SendGridOptions.Section + ":" + key] = value,
        });

        var exception = Assert.Throws<OptionsValidationException>(() => ValidateAtStart(host));

        Assert.Contains(exception.Failures, failure => failure.Contains(SendGridOptions.Section + ":" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AddOutreachMail_OutboxModeWithBadSendGridSettings_StartsAnyway()
    {
        using var host = MailTestHost.Create(TimeProvider.System, new Dictionary<string, string?>
        {
            [MailOptions.Section + ":Mode"] = "Outbox",
            [SendGridOptions.Section + ":TimeoutSeconds"] = "0",
        });

        ValidateAtStart(host);

        Assert.IsType<OutboxMailSender>(host.Sender);
    }

    // What the host does before it starts: every ValidateOnStart registration is checked.
    private static void ValidateAtStart(MailTestHost host) => host.Services.GetRequiredService<IStartupValidator>().Validate();
}
