using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Outreach.Core.Discovery;

/// <summary>Registers the configured leader sources.</summary>
public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>Configuration key of the leaders CSV path.</summary>
    public const string FileSourceKey = "Outreach:Sources:File";

    /// <summary>
    /// Registers one <see cref="ILeaderSource"/> per configured source: the file source when <c>Outreach:Sources:File</c>
    /// is set, Graph when <c>Outreach:Sources:Graph</c> is configured, SharePoint lists under <c>Outreach:Sources:SharePoint</c>.
    /// The <see cref="LeaderCsvParser"/> is always registered, because staff imports use it on uploaded streams.
    /// </summary>
    public static IServiceCollection AddOutreachDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton<LeaderCsvParser>();
        services.TryAddSingleton(TimeProvider.System);

        var file = configuration[FileSourceKey];
        if (!string.IsNullOrWhiteSpace(file))
        {
            services.AddOptions<FileLeaderSourceOptions>()
                .Configure(options => options.Path = ResolveAgainstAppRoot(configuration, file))
                .Validate(options => !string.IsNullOrWhiteSpace(options.Path), $"{FileSourceKey} must name a CSV file.")
                .ValidateOnStart();
            services.AddSingleton<CsvLeaderFileSource>();
            services.AddSingleton<ILeaderSource>(provider => provider.GetRequiredService<CsvLeaderFileSource>());
        }

        return services;
    }

    /// <summary>
    /// Resolves a relative path against the app root: <c>FUNCTIONS_APP_ROOT_PATH</c> when set (the Functions host sets it),
    /// else the current directory.
    /// </summary>
    public static string ResolveAgainstAppRoot(IConfiguration configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var root = configuration["FUNCTIONS_APP_ROOT_PATH"];
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Environment.GetEnvironmentVariable("FUNCTIONS_APP_ROOT_PATH");
        }

        return Path.GetFullPath(path, string.IsNullOrWhiteSpace(root) ? Directory.GetCurrentDirectory() : root);
    }
}
