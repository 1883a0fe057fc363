using Outreach.DevHost.AppModel;

namespace Outreach.DevHost.Tests.AppModel;

public sealed class FunctionAppDefinitionTests
{
    [Fact]
    public void Load_RepositoryRoot_FindsEveryFunctionWithItsTrigger()
    {
        var app = FunctionAppDefinition.Load(RepositoryFiles.Root);

        var kinds = app.Functions.ToDictionary(function => function.Name, function => function.Kind);
        Assert.Equal(TriggerKind.Timer, kinds["DiscoverLeaders"]);
        Assert.Equal(TriggerKind.Queue, kinds["SendWelcome"]);
        Assert.Equal(TriggerKind.Timer, kinds["FollowUpSweep"]);
        Assert.Equal(TriggerKind.Queue, kinds["SendFollowUp"]);
        Assert.Equal(TriggerKind.Http, kinds["StaffApi"]);
        Assert.Equal(TriggerKind.Http, kinds["PublicApi"]);
        var discover = app.Functions.Single(function => function.Name == "DiscoverLeaders");
        Assert.Equal("welcome-letters", discover.QueueOutputs.Single().Property("queueName"));
        Assert.True(app.Functions.Single(function => function.Name == "StaffApi").IsHttpInAndOut);
        Assert.Equal("staff/{*path}", app.Functions.Single(function => function.Name == "StaffApi").HttpRoute);
    }

    [Fact]
    public void Load_RepositoryHostJson_ReadsQueueSettingsAndForwarding()
    {
        var host = FunctionAppDefinition.Load(RepositoryFiles.Root).Host;

        Assert.Equal("api", host.RoutePrefix);
        Assert.True(host.ForwardHttpRequests);
        Assert.Equal(TimeSpan.FromMinutes(10), host.FunctionTimeout);
        Assert.Equal(8, host.Queues.BatchSize);
        Assert.Equal(4, host.Queues.NewBatchThreshold);
        Assert.Equal(12, host.Queues.MaxConcurrentMessages);
        Assert.Equal(5, host.Queues.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(30), host.Queues.VisibilityTimeout);
        Assert.True(host.Queues.Base64Messages);
    }

    [Fact]
    public void Load_HostJsonWithoutQueueSettings_UsesTheExtensionDefaults()
    {
        var root = Directory.CreateTempSubdirectory("devhost-app-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "host.json"), """{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"handler"}}}""");
            Directory.CreateDirectory(Path.Combine(root, "Work"));
            File.WriteAllText(Path.Combine(root, "Work", "function.json"), """{"bindings":[{"name":"item","type":"queueTrigger","direction":"in","queueName":"work"}]}""");

            var app = FunctionAppDefinition.Load(root);

            Assert.Equal(16, app.Host.Queues.BatchSize);
            Assert.Equal(8, app.Host.Queues.NewBatchThreshold);
            Assert.Equal(5, app.Host.Queues.MaxDequeueCount);
            Assert.Equal(TimeSpan.Zero, app.Host.Queues.VisibilityTimeout);
            Assert.Equal("AzureWebJobsStorage", app.Functions.Single().Trigger.Connection);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Load_FunctionWithTwoTriggers_ThrowsNamingTheFile()
    {
        var root = Directory.CreateTempSubdirectory("devhost-app-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "host.json"), """{"version":"2.0","customHandler":{"description":{"defaultExecutablePath":"handler"}}}""");
            Directory.CreateDirectory(Path.Combine(root, "Broken"));
            File.WriteAllText(
                Path.Combine(root, "Broken", "function.json"),
                """{"bindings":[{"name":"a","type":"queueTrigger","direction":"in","queueName":"q"},{"name":"t","type":"timerTrigger","direction":"in","schedule":"0 0 6 * * *"}]}""");

            var exception = Assert.Throws<InvalidDataException>(() => FunctionAppDefinition.Load(root));

            Assert.Contains("Broken", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
