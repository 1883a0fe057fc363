using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Core.Discovery.Graph;
using Outreach.Core.Districts;
using Outreach.Core.Imports;

namespace Outreach.Core.Discovery;

/// <summary>Registers the configured leader sources.</summary>
public static class DiscoveryServiceCollectionExtensions
{
    /// <summary>Configuration key of the leaders CSV path.</summary>
    public const string FileSourceKey = "Outreach:Sources:File";

    /// <summary>
    /// Registers one <see cref="ILeaderSource"/> per configured source: the file source when <c>Outreach:Sources:File</c>
    /// is set, Graph when <c>Outreach:Sources:Graph</c> is configured, SharePoint lists under <c>Outreach:Sources:SharePoint</c>.
    /// The <see cref="LeaderCsvParser"/> and <see cref="MembershipCsvParser"/> are always registered with the limits of
    /// <c>Outreach:Imports</c> (<see cref="CsvImportOptions"/>), because staff imports use them on uploaded streams, and so
    /// is the Table Storage <see cref="IDiscoveryCursorStore"/> (unless one is registered already). Each Graph source gets
    /// a named IHttpClientFactory client with Graph's middleware and a resilience pipeline, and the credential of
    /// <see cref="GraphClients.CreateCredential"/> (a <see cref="TokenCredential"/> registered by the app is used when the
    /// section names no client secret or client id).
    /// </summary>
    public static IServiceCollection AddOutreachDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CsvImportOptions>()
            .Bind(configuration.GetSection(CsvImportOptions.Section))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CsvImportOptions>, ImportLimitsValidator>());
        services.TryAddSingleton<LeaderCsvParser>();
        services.TryAddSingleton<MembershipCsvParser>();
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
            services.AddGraphHttpClient<GraphLeaderSourceOptions>(GraphLeaderSource.SourceName);
            services.AddSingleton(provider => new GraphLeaderSource(
                CreateGraphClient<GraphLeaderSourceOptions>(provider, GraphLeaderSource.SourceName),
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
            services.AddGraphHttpClient<SharePointLeaderSourceOptions>(SharePointLeaderSource.SourceName);
            services.AddSingleton(provider => new SharePointLeaderSource(
                CreateGraphClient<SharePointLeaderSourceOptions>(provider, SharePointLeaderSource.SourceName),
                provider.GetRequiredService<IOptions<SharePointLeaderSourceOptions>>(),
                provider.GetRequiredService<IDistrictCatalog>(),
                provider.GetRequiredService<ILogger<SharePointLeaderSource>>()));
            services.AddSingleton<ILeaderSource>(provider => provider.GetRequiredService<SharePointLeaderSource>());
        }

        return services;
    }

    private static Microsoft.Graph.GraphServiceClient CreateGraphClient<TOptions>(IServiceProvider provider, string sourceName)
        where TOptions : GraphConnectionOptions
    {
        var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
        var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(GraphHttpPipeline.HttpClientName(sourceName));
        return GraphClients.Create(options, httpClient, GraphClients.CreateCredential(options, provider.GetService<TokenCredential>()));
    }

    // Reports every limit out of range at start, each naming its key.
    private sealed class ImportLimitsValidator : IValidateOptions<CsvImportOptions>
    {
        public ValidateOptionsResult Validate(string? name, CsvImportOptions options)
        {
            var problems = options.Validate(CsvImportOptions.Section).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
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
