using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Email.Outbox;
using Outreach.Core.Email.SendGrid;

namespace Outreach.Core.Email;

/// <summary>Registers the mail sender chosen by <c>Outreach:Mail:Mode</c> (<c>Outbox</c> or <c>SendGrid</c>).</summary>
public static class MailServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IMailSender"/> and its options, bound from <c>Outreach:Mail</c> and <c>Outreach:SendGrid</c>
    /// and validated at start: the outbox folder is resolved against the app root; in SendGrid mode the API key is
    /// required, the base URL must be absolute and the timeout between 1 and 300 seconds. The SendGrid client is a typed
    /// <see cref="HttpClient"/> (<see cref="SendGridClient"/>).
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

        services.AddHttpClient<SendGridClient>((provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<SendGridOptions>>().Value;
                http.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
                http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
            })
            // The sender is a singleton holding one typed client: connections are recycled by the handler itself
            // (so DNS changes are seen) instead of by the factory's handler rotation. No redirects: following one would
            // post the mail somewhere else (or turn the POST into a GET).
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        services.TryAddSingleton<IMailSender>(provider =>
            provider.GetRequiredService<IOptions<MailOptions>>().Value.Mode switch
            {
                MailMode.SendGrid => new SendGridMailSender(
                    provider.GetRequiredService<SendGridClient>(),
                    provider.GetRequiredService<IOptions<SendGridOptions>>(),
                    provider.GetRequiredService<ILogger<SendGridMailSender>>()),
                _ => new OutboxMailSender(
                    provider.GetRequiredService<IOptions<MailOptions>>(),
                    provider.GetRequiredService<TimeProvider>(),
                    provider.GetRequiredService<ILogger<OutboxMailSender>>()),
            });
        return services;
    }

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
