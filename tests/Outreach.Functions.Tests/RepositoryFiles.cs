using System.Text.Json.Nodes;
using Outreach.DevHost.Azurite;

namespace Outreach.Functions.Tests;

/// <summary>Finds the repository's contract files (host.json, functions/, local.settings.sample.json) from the test output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = AzuriteLauncher.FindRepositoryRoot();

    public static string FunctionsFolder => Path.Combine(Root, "functions");

    public static IEnumerable<string> FunctionNames =>
        Directory.EnumerateDirectories(FunctionsFolder).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public static JsonObject ReadJson(params string[] relativePath) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine([Root, .. relativePath])))?.AsObject()
            ?? throw new InvalidDataException($"{Path.Combine(relativePath)} is JSON null.");

    public static JsonObject FunctionJson(string name) => ReadJson("functions", name, "function.json");

    public static IReadOnlyDictionary<string, string> SampleSettings() =>
        ReadJson("local.settings.sample.json")["Values"]!.AsObject()
            .ToDictionary(pair => pair.Key, pair => pair.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);

    /// <summary>The test's build configuration (Debug/Release): the folder above the target framework folder.</summary>
    public static string Configuration => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
