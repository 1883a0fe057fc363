using System.Text.Json.Nodes;

namespace Outreach.DevHost.Tests.Hosting;

/// <summary>A throw-away app root: host.json, function folders and local.settings.json, deleted on dispose.</summary>
internal sealed class TestApp : IDisposable
{
    public TestApp(JsonObject queues, IReadOnlyDictionary<string, string> functions, string storageConnectionString)
    {
        Root = Directory.CreateTempSubdirectory("devhost-app-").FullName;
        var host = new JsonObject
        {
            ["version"] = "2.0",
            ["functionTimeout"] = "00:01:00",
            ["customHandler"] = new JsonObject
            {
                ["description"] = new JsonObject { ["defaultExecutablePath"] = "handler/Fake" },
                ["enableForwardingHttpRequest"] = true,
            },
            ["extensions"] = new JsonObject { ["queues"] = queues },
        };
        File.WriteAllText(Path.Combine(Root, "host.json"), host.ToJsonString());
        foreach (var (name, functionJson) in functions)
        {
            Directory.CreateDirectory(Path.Combine(Root, "functions", name));
            File.WriteAllText(Path.Combine(Root, "functions", name, "function.json"), functionJson);
        }

        File.WriteAllText(
            Path.Combine(Root, "local.settings.json"),
            new JsonObject { ["Values"] = new JsonObject { ["AzureWebJobsStorage"] = storageConnectionString } }.ToJsonString());
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
