using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Outreach.Core.PrintLetters;

/// <summary>Registers the print letter writer.</summary>
public static class PrintLettersServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IPrintLetterWriter"/> writing to <c>Outreach:Mail:PrintPath</c>; the pages come from the
    /// <see cref="IPrintPageRenderer"/> that <c>AddOutreachTemplates</c> registers.
    /// </summary>
    public static IServiceCollection AddOutreachPrintLetters(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPrintLetterWriter>(sp =>
        {
            var configured = configuration["Outreach:Mail:PrintPath"];
            var folder = AppRoot.Resolve(configuration, string.IsNullOrWhiteSpace(configured) ? Path.Combine("outbox", "print") : configured);
            return new FilePrintLetterWriter(folder, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IPrintPageRenderer>());
        });
        return services;
    }
}
