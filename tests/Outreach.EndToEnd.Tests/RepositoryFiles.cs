using Outreach.DevHost.Azurite;

namespace Outreach.EndToEnd.Tests;

/// <summary>The repository's files and the app's build output, as seen from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = AzuriteLauncher.FindRepositoryRoot();

    /// <summary>The test's build configuration (Debug/Release): the folder above the target framework folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The real worker built with the tests: src/Functions/bin/{Configuration}/net10.0.</summary>
    public static string App
    {
        get
        {
            var built = Path.Combine(Root, "src", "Functions", "bin", Configuration, "net10.0");
            return File.Exists(Path.Combine(built, "worker.config.json"))
                ? built
                : throw new InvalidOperationException($"{built} has no worker.config.json; the test project references src/Functions so that it is built.");
        }
    }
}
