using Microsoft.Extensions.Configuration;
using Outreach.DevHost.Azurite;

namespace Outreach.Core.Tests;

/// <summary>Finds the repository's shipped files (config/, templates/) from the test output folder, so tests read the real ones.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = AzuriteLauncher.FindRepositoryRoot();

    public static string TemplatesFolder => Path.Combine(Root, "templates");

    public static string DistrictsFile => Path.Combine(Root, "config", "districts.json");

    /// <summary>The shipped districts file as configuration, as the Functions app loads it.</summary>
    public static IConfigurationRoot DistrictsConfiguration(IDictionary<string, string?>? overrides = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(DistrictsFile, optional: false, reloadOnChange: false)
            .AddInMemoryCollection(overrides ?? new Dictionary<string, string?>())
            .Build();
}
