using System.Text.Json;

namespace Outreach.DevHost.Tests;

/// <summary>
/// A settings root for one DevHost run of the test worker: a temporary folder with a local.settings.json that names the
/// storage account and queues of its own (the worker's bindings read them as <c>%Setting%</c>), so runs never share data.
/// </summary>
internal sealed class TestWorkerSettings : IDisposable
{
    public TestWorkerSettings(string storageConnectionString)
    {
        var id = Guid.NewGuid().ToString("N")[..10];
        EchoInputQueue = "echo-in-" + id;
        EchoOutputQueue = "echo-out-" + id;
        FailQueue = "fail-" + id;
        TickQueue = "tick-" + id;
        SlowQueue = "slow-" + id;
        HangQueue = "hang-" + id;
        Root = Directory.CreateTempSubdirectory("devhost-test-").FullName;
        var values = new Dictionary<string, string>
        {
            ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated",
            ["AzureWebJobsStorage"] = storageConnectionString,
            ["EchoInputQueue"] = EchoInputQueue,
            ["EchoOutputQueue"] = EchoOutputQueue,
            ["FailQueue"] = FailQueue,
            ["TickQueue"] = TickQueue,
            ["SlowQueue"] = SlowQueue,
            ["HangQueue"] = HangQueue,

            // Never due by itself during a test; the function runs at start (RunOnStartup).
            ["TickSchedule"] = "0 0 0 1 1 *",
        };
        File.WriteAllText(Path.Combine(Root, "local.settings.json"), JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
    }

    public string Root { get; }

    public string EchoInputQueue { get; }

    public string EchoOutputQueue { get; }

    public string FailQueue { get; }

    public string TickQueue { get; }

    public string SlowQueue { get; }

    public string HangQueue { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
