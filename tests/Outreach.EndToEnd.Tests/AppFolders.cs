using System.Text.Json.Nodes;

namespace Outreach.EndToEnd.Tests;

/// <summary>The app's build output with other host.json timings, for tests that would otherwise wait minutes.</summary>
internal static class AppFolders
{
    /// <summary>
    /// A folder under <paramref name="root"/> linking every file of the app's build output except host.json, which gets
    /// <paramref name="visibilityTimeout"/> (the app's 30 s would make five tries take two minutes) and, if given,
    /// <paramref name="functionTimeout"/> (DevHost keeps a received message invisible for it plus a minute).
    /// </summary>
    public static string WithHostJson(string root, string visibilityTimeout, string? functionTimeout = null)
    {
        var folder = Path.Combine(root, "app");
        foreach (var file in Directory.EnumerateFiles(RepositoryFiles.App, "*", SearchOption.AllDirectories))
        {
            var link = Path.Combine(folder, Path.GetRelativePath(RepositoryFiles.App, file));
            Directory.CreateDirectory(Path.GetDirectoryName(link)!);
            if (Path.GetFileName(file) != "host.json")
            {
                File.CreateSymbolicLink(link, file);
            }
        }

        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.App, "host.json")))!;
        hostJson["extensions"]!["queues"]!["visibilityTimeout"] = visibilityTimeout;
        if (functionTimeout is not null)
        {
            hostJson["functionTimeout"] = functionTimeout;
        }

        File.WriteAllText(Path.Combine(folder, "host.json"), hostJson.ToJsonString());
        return folder;
    }
}
