using Outreach.DevHost.AppModel;

namespace Outreach.DevHost.Tests.AppModel;

public sealed class WorkerConfigTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("devhost-workerconfig-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_TestWorkerBuild_RunsItsAssemblyWithDotnet()
    {
        var config = WorkerConfig.Load(RepositoryFiles.TestWorker);

        Assert.Equal("dotnet-isolated", config.Language);
        Assert.Equal("dotnet", config.Executable);
        Assert.Equal([Path.Combine(RepositoryFiles.TestWorker, "Outreach.DevHost.TestWorker.dll")], config.Arguments);
    }

    [Fact]
    public void Load_WorkerRootPlaceholder_IsTheAppFolder()
    {
        File.WriteAllText(Path.Combine(folder, "App"), "");
        File.WriteAllText(Path.Combine(folder, WorkerConfig.FileName), """
            {"description":{"language":"dotnet-isolated","defaultExecutablePath":"{WorkerRoot}App","workerIndexing":"true"}}
            """);

        var config = WorkerConfig.Load(folder);

        Assert.Equal(Path.Combine(folder, "App"), config.Executable);
        Assert.Empty(config.Arguments);
    }

    [Fact]
    public void Load_NoWorkerConfig_SaysToBuildTheApp()
    {
        var exception = Assert.Throws<InvalidDataException>(() => WorkerConfig.Load(folder));

        Assert.Contains("build the Functions app first", exception.Message, StringComparison.Ordinal);
    }
}
