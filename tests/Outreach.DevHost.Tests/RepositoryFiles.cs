using Outreach.DevHost.Azurite;

namespace Outreach.DevHost.Tests;

/// <summary>The repository's files as seen from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = AzuriteLauncher.FindRepositoryRoot();

    /// <summary>The test's build configuration (Debug/Release): the folder above the target framework folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The test worker built with the tests: tests/Outreach.DevHost.TestWorker/bin/{Configuration}/net10.0.</summary>
    public static string TestWorker
    {
        get
        {
            var built = Path.Combine(Root, "tests", "Outreach.DevHost.TestWorker", "bin", Configuration, "net10.0");
            return File.Exists(Path.Combine(built, "worker.config.json"))
                ? built
                : throw new InvalidOperationException($"{built} has no worker.config.json; the test project references the test worker so that it is built.");
        }
    }
}
