using System.Text.Json.Nodes;

namespace Outreach.Functions.Tests;

/// <summary>The repository's files (local.settings.sample.json, the Functions build output) seen from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot(AppContext.BaseDirectory);

    /// <summary>The test's build configuration (Debug/Release): the folder above the target framework folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    /// <summary>The worker's build output, built with the tests because the test project references it.</summary>
    public static string FunctionsOutput => Path.Combine(Root, "src", "Functions", "bin", Configuration, "net10.0");

    public static JsonNode ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is JSON null.");

    public static IReadOnlyDictionary<string, string> SampleSettings() =>
        ReadJson(Path.Combine(Root, "local.settings.sample.json"))["Values"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => pair.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);

    private static string FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Outreach.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Outreach.sln above {start}.");
    }
}
