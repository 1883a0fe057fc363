using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Outreach.Core.Email.Outbox;
using Outreach.Core.Email.SendGrid;

namespace Outreach.Core.Email;

/// <summary>Registers the mail sender chosen by <c>Outreach:Mail:Mode</c> (<c>Outbox</c> or <c>SendGrid</c>).</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMailSender"/> and <see cref="IBatchMailSender"/> (one sender per mode serves both) and their options, bound from <c>Outreach:Mail</c> and <c>Outreach:SendGrid</c>
    /// and validated at start: the outbox folder is resolved against the app root; in SendGrid mode the API key is
    /// required, the base URL must be absolute and the timeout between 1 and 300 seconds. SendGrid is reached through the
    /// named <see cref="HttpClient"/> <see cref="SendGridMailSender.HttpClientName"/>, with the resilience pipeline of
    /// <see cref="SendGridResilience"/>.
    /// </summary>
    public static IServiceCollection AddOutreachMail(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<MailOptions>()
            .Bind(configuration.GetSection(MailOptions.Section))
            .PostConfigure(options =>
            {
                if (!string.IsNullOrWhiteSpace(options.OutboxPath))
                {
                    options.OutboxPath = AppRoot.Resolve(configuration, options.OutboxPath);
                }
            })
            .Validate(options => Enum.IsDefined(options.Mode), $"{MailOptions.Section}:Mode must be Outbox or SendGrid.")
            .Validate(options => options.Mode != MailMode.Outbox || !string.IsNullOrWhiteSpace(options.OutboxPath), $"{MailOptions.Section}:OutboxPath must name a folder.")
            .ValidateOnStart();

        services.AddOptions<SendGridOptions>()
            .Bind(configuration.GetSection(SendGridOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SendGridOptions>, SendGridOptionsValidator>());

        services.TryAddTransient<SendGridAttemptHandler>();

        // One per process: what one request learns from a 429 holds back every other (see SendGridRateLimitGate).
        services.TryAddSingleton<SendGridRateLimitGate>();
        var sendGrid = services.AddHttpClient(SendGridMailSender.HttpClientName)
            // Each attempt is bounded by the pipeline's timeout; the client's own would also cut short a rate-limit wait.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            // No redirects: following one would post the mail somewhere else (or turn the POST into a GET).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false });
        sendGrid.AddResilienceHandler("sendgrid", (pipeline, context) =>
        {
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.TimeProvider = time;
            SendGridResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<SendGridOptions>>().Value,
                time,
                context.ServiceProvider.GetRequiredService<SendGridRateLimitGate>());
        });

        // Added after the resilience handler, so below it: it sees every single request (see SendGridAttempts).
        sendGrid.AddHttpMessageHandler<SendGridAttemptHandler>();

        // One instance per mode serves both ports, so single letters and batches share the client and the outcome rules.
        services.TryAddSingleton<SendGridMailSender>();
        services.TryAddSingleton<OutboxMailSender>();
        services.TryAddSingleton<IMailSender>(provider =>
            UsesSendGrid(provider) ? provider.GetRequiredService<SendGridMailSender>() : provider.GetRequiredService<OutboxMailSender>());
        services.TryAddSingleton<IBatchMailSender>(provider =>
            UsesSendGrid(provider) ? provider.GetRequiredService<SendGridMailSender>() : provider.GetRequiredService<OutboxMailSender>());
        return services;
    }

    private static bool UsesSendGrid(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<MailOptions>>().Value.Mode == MailMode.SendGrid;

    // The SendGrid settings matter only in SendGrid mode: a laptop on the outbox needs no key.
    private sealed class SendGridOptionsValidator(IOptions<MailOptions> mail) : IValidateOptions<SendGridOptions>
    {
        public ValidateOptionsResult Validate(string? name, SendGridOptions options)
        {
            if (mail.Value.Mode != MailMode.SendGrid)
            {
                return ValidateOptionsResult.Success;
            }

            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
