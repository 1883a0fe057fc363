using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Outreach.Core.PrintLetters;

namespace Outreach.Core.Templates;

/// <summary>Registers the Scriban letter renderer.</summary>
public static class TemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ILetterRenderer"/> and <see cref="IPrintPageRenderer"/>; templates are read from
    /// <c>Outreach:Templates:Path</c> (default <c>templates</c>) and every one is checked when the host starts.
    /// </summary>
    public static IServiceCollection AddOutreachTemplates(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TemplateOptions>()
            .Configure(options =>
            {
                var path = configuration[TemplateOptions.Section + ":" + nameof(TemplateOptions.Path)];
                options.Path = AppRoot.Resolve(
                    configuration,
                    string.IsNullOrWhiteSpace(path) ? TemplateOptions.DefaultPath : path);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TemplateOptions>, TemplateOptionsValidator>());
        services.TryAddSingleton<ScribanLetterRenderer>();
        services.TryAddSingleton<ILetterRenderer>(sp => sp.GetRequiredService<ScribanLetterRenderer>());
        services.TryAddSingleton<IPrintPageRenderer, ScribanPrintPageRenderer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TemplateStartupCheck>());
        return services;
    }
}
