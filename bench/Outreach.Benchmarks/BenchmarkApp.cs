using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
