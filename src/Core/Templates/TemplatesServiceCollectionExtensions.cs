// STUB (contract): the templates feature fills this in.
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Outreach.Core.Templates;

/// <summary>Registers the Handlebars letter renderer.</summary>
public static class TemplatesServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ILetterRenderer"/>; templates are read from <c>Outreach:Templates:Path</c> (default <c>templates</c>).</summary>
    public static IServiceCollection AddOutreachTemplates(this IServiceCollection services, IConfiguration configuration) => services;
}
