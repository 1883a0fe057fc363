using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Azure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Outreach.Bench.Measuring;
using Outreach.Core;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Email.SendGrid;

namespace Outreach.Bench.Hosting;

/// <summary>
/// The app's real Core services (<c>AddOutreachCore</c>) from an in-memory configuration, as the Functions worker
/// builds them: the repository's districts and templates, storage = the bench's Azurite, mail = SendGrid pointed at the
/// fake (or the outbox for the seeder), and the storage counter on every storage client.
/// </summary>
internal static class BenchServices
{
    public const string FakeApiKey = "SG.bench-fake-key";

    public static async Task<ServiceProvider> StartAsync(
        string storageConnectionString,
        string? sendGridBaseUrl,
        string folder,
        StorageRequestCounter? counter,
        bool verbose,
        IDictionary<string, string?>? overrides = null,
        CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(folder);
        var leaders = Path.Combine(folder, "leaders.csv");
        await File.WriteAllTextAsync(leaders, "district,sourceId,name,email,jobTitle,workplace,municipality,hireDate,member\n", cancellationToken);
        var root = RepositoryRoot.Path;
        var settings = new Dictionary<string, string?>
        {
            ["FUNCTIONS_APP_ROOT_PATH"] = root,
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["Outreach:Templates:Path"] = "templates",
            ["Outreach:Sources:File"] = leaders,
            ["Outreach:Mail:Mode"] = sendGridBaseUrl is null ? "Outbox" : "SendGrid",
            ["Outreach:Mail:OutboxPath"] = Path.Combine(folder, "outbox"),
            ["Outreach:Mail:PrintPath"] = Path.Combine(folder, "print"),
            ["Outreach:SendGrid:ApiKey"] = FakeApiKey,
            ["Outreach:SendGrid:BaseUrl"] = sendGridBaseUrl ?? "https://api.sendgrid.com",
            ["Outreach:SendGrid:SandboxMode"] = "false",
            ["Outreach:SendGrid:TimeoutSeconds"] = "30",
            ["Outreach:SendGrid:RateLimitRetries"] = "3",
            ["Outreach:SendGrid:MaxRetryDelaySeconds"] = "60",
            ["Outreach:PublicBaseUrl"] = "https://outreach.example.dk",
            ["Outreach:Unsubscribe:SigningKey"] = "bench-only-unsubscribe-signing-key-0123456789abcdef",
            ["Outreach:Privacy:HashKey"] = "bench-only-privacy-hash-key-0123456789abcdef",
            ["Outreach:Imports:MaxBytes"] = "16777216",
            ["Outreach:Retention:Months"] = "24",
        };

        // The bench runs at any hour: every district's send window is the whole day (Start = End), so no batch waits.
        for (var index = 0; index < 2; index++)
        {
            settings[$"Outreach:Districts:{index}:SendWindow:Start"] = "00:00";
            settings[$"Outreach:Districts:{index}:SendWindow:End"] = "00:00";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "config", "districts.json"))
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                if (verbose)
                {
                    logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
                }
            })
            .AddSingleton<IConfiguration>(configuration)
            .AddOutreachCore(configuration);
        if (counter is not null)
        {
            services.AddAzureClients(clients => clients.ConfigureDefaults(options => options.AddPolicy(counter, HttpPipelinePosition.PerRetry)));
        }

        if (counter?.Times is { } times)
        {
            // Added after the app's handlers, so innermost: one timing per attempt (a retried request counts each attempt).
            services.AddHttpClient(SendGridMailSender.HttpClientName).AddHttpMessageHandler(() => new TimedSendGridHandler(times));
            var renderer = services.Last(descriptor => descriptor.ServiceType == typeof(ICampaignRenderer));
            services.Remove(renderer);
            services.AddSingleton<ICampaignRenderer>(provider => new TimedCampaignRenderer(Resolve<ICampaignRenderer>(renderer, provider), times));
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // As the host does at start: the hosted storage initializer creates the tables and queues once.
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(cancellationToken);
        }

        return provider;
    }

    private static T Resolve<T>(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (T)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    public static TableServiceClient Tables(this IServiceProvider services) => services.GetRequiredService<TableServiceClient>();

    public static QueueServiceClient Queues(this IServiceProvider services) => services.GetRequiredService<QueueServiceClient>();
}
