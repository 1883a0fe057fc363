using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core;

namespace Outreach.Benchmarks;

/// <summary>The app's own registrations over the repository's districts and templates, with the outbox in a temporary folder.</summary>
internal static class BenchmarkApp
{
    public static ServiceProvider Build(string outbox)
    {
        var root = FindRepositoryRoot();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "config", "districts.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FUNCTIONS_APP_ROOT_PATH"] = root,
                ["Outreach:Mail:Mode"] = "Outbox",
                ["Outreach:Mail:OutboxPath"] = outbox,
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddOutreachDistricts(configuration)
            .AddOutreachTemplates(configuration)
            .AddOutreachMail(configuration)
            .AddSingleton<LeaderCsvParser>()
            .BuildServiceProvider();
    }

    /// <summary>
    /// The whole of Core (<c>AddOutreachCore</c>) as the worker builds it, mail in the outbox at <paramref name="outbox"/>.
    /// Storage points at development storage but is never touched: nothing here reads or writes a table or queue, and the
    /// hosted storage initializer is not started.
    /// </summary>
    public static ServiceProvider BuildCore(string outbox)
    {
        var root = FindRepositoryRoot();
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "config", "districts.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["FUNCTIONS_APP_ROOT_PATH"] = root,
                ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
                ["Outreach:Mail:Mode"] = "Outbox",
                ["Outreach:Mail:OutboxPath"] = outbox,
                ["Outreach:Mail:PrintPath"] = Path.Combine(outbox, "print"),
                ["Outreach:Sources:File"] = Path.Combine(root, "samples", "leaders.csv"),
                ["Outreach:PublicBaseUrl"] = "https://outreach.example.dk",
                ["Outreach:Unsubscribe:SigningKey"] = "benchmark-only-unsubscribe-signing-key-0123456789",
                ["Outreach:Privacy:HashKey"] = "benchmark-only-privacy-hash-key-0123456789",
            })
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddOutreachCore(configuration)
            .BuildServiceProvider();
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Outreach.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Outreach.sln not found above " + AppContext.BaseDirectory);
    }
}
