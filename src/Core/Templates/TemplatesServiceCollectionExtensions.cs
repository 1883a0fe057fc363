using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Outreach.Core.Templates;

/// <summary>Registers the Handlebars letter renderer.</summary>
public static class TemplatesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ILetterRenderer"/>; templates are read from <c>Outreach:Templates:Path</c> (default <c>templates</c>).</summary>
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
        services.TryAddSingleton<ILetterRenderer, HandlebarsLetterRenderer>();
        return services;
    }
}
