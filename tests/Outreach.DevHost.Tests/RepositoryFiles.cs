using Outreach.DevHost.Azurite;

namespace Outreach.DevHost.Tests;

/// <summary>The repository's files as seen from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = AzuriteLauncher.FindRepositoryRoot();

    /// <summary>The test's build configuration (Debug/Release): the folder above the target framework folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The handler built with the tests: src/Functions/bin/{Configuration}/net10.0/Outreach.Functions.dll.</summary>
    public static string HandlerAssembly
    {
        get
        {
            var built = Path.Combine(Root, "src", "Functions", "bin", Configuration, "net10.0", "Outreach.Functions.dll");
            return File.Exists(built)
                ? built
                : throw new InvalidOperationException($"{built} does not exist; the test project references src/Functions so that it is built.");
        }
    }
}
