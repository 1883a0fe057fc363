using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Discovery.Graph;
using Outreach.Core.Districts;
using Azure.Data.Tables;

namespace Outreach.Core.Discovery;

/// <summary>Registers the configured leader sources.</summary>
public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>Configuration key of the leaders CSV path.</summary>
    public const string FileSourceKey = "Outreach:Sources:File";

    /// <summary>
    /// Registers one <see cref="ILeaderSource"/> per configured source: the file source when <c>Outreach:Sources:File</c>
    /// is set, Graph when <c>Outreach:Sources:Graph</c> is configured, SharePoint lists under <c>Outreach:Sources:SharePoint</c>.
    /// The <see cref="LeaderCsvParser"/> is always registered, because staff imports use it on uploaded streams, and so is
    /// the Table Storage <see cref="IDiscoveryCursorStore"/> (unless one is registered already).
    /// </summary>
    public static IServiceCollection AddOutreachDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton<LeaderCsvParser>();
        services.TryAddSingleton(TimeProvider.System);

        // The cursors table needs the TableServiceClient from AddOutreachStorage; it is resolved only when a delta source runs.
        services.TryAddSingleton<IDiscoveryCursorStore>(provider => new TableDiscoveryCursorStore(provider.GetRequiredService<TableServiceClient>()));

        var file = configuration[FileSourceKey];
        if (!string.IsNullOrWhiteSpace(file))
        {
            services.AddOptions<FileLeaderSourceOptions>()
                .Configure(options => options.Path = AppRoot.Resolve(configuration, file))
                .Validate(options => !string.IsNullOrWhiteSpace(options.Path), $"{FileSourceKey} must name a CSV file.")
                .ValidateOnStart();
            services.AddSingleton<CsvLeaderFileSource>();
            services.AddSingleton<ILeaderSource>(provider => provider.GetRequiredService<CsvLeaderFileSource>());
        }

        if (configuration.GetSection(GraphLeaderSourceOptions.Section).GetValue<bool>(nameof(GraphConnectionOptions.Enabled)))
        {
            services.AddOptions<GraphLeaderSourceOptions>()
                .Bind(configuration.GetSection(GraphLeaderSourceOptions.Section))
                .ValidateOnStart();
            services.AddSingleton<IValidateOptions<GraphLeaderSourceOptions>>(new ConnectionValidator<GraphLeaderSourceOptions>(GraphLeaderSourceOptions.Section));
            services.AddSingleton(provider => new GraphLeaderSource(
                GraphClients.Create(provider.GetRequiredService<IOptions<GraphLeaderSourceOptions>>().Value),
                provider.GetRequiredService<IOptions<GraphLeaderSourceOptions>>(),
                provider.GetRequiredService<IDiscoveryCursorStore>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<GraphLeaderSource>>()));
            services.AddSingleton<ILeaderSource>(provider => provider.GetRequiredService<GraphLeaderSource>());
        }

        if (configuration.GetSection(SharePointLeaderSourceOptions.Section).GetValue<bool>(nameof(GraphConnectionOptions.Enabled)))
        {
            services.AddOptions<SharePointLeaderSourceOptions>()
                .Bind(configuration.GetSection(SharePointLeaderSourceOptions.Section))
                .ValidateOnStart();
            services.AddSingleton<IValidateOptions<SharePointLeaderSourceOptions>>(new ConnectionValidator<SharePointLeaderSourceOptions>(SharePointLeaderSourceOptions.Section));
            services.AddSingleton(provider => new SharePointLeaderSource(
                GraphClients.Create(provider.GetRequiredService<IOptions<SharePointLeaderSourceOptions>>().Value),
                provider.GetRequiredService<IOptions<SharePointLeaderSourceOptions>>(),
                provider.GetRequiredService<IDistrictCatalog>(),
                provider.GetRequiredService<ILogger<SharePointLeaderSource>>()));
            services.AddSingleton<ILeaderSource>(provider => provider.GetRequiredService<SharePointLeaderSource>());
        }

        return services;
    }

    // Reports every problem of a Graph connection section at start, each naming its key.
    private sealed class ConnectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
        where TOptions : GraphConnectionOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var problems = options.Validate(section).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
