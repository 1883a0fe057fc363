using System.Collections;
using Outreach.DevHost.Settings;

namespace Outreach.DevHost.Tests.Settings;

public sealed class AppSettingsTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("devhost-settings-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Load_VariableSetInEnvironment_WinsOverTheFile()
    {
        Write(AppSettings.LocalSettingsFile, """{"Values":{"AzureWebJobsStorage":"UseDevelopmentStorage=true","Outreach:Mail:Mode":"Outbox"}}""");
        var environment = new Hashtable { ["AzureWebJobsStorage"] = "DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5" };

        var settings = AppSettings.Load(root, environment);

        Assert.Equal("DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5", settings["AzureWebJobsStorage"]);
        Assert.Equal(["AzureWebJobsStorage"], settings.FromEnvironment);
        Assert.Equal("Outbox", settings.Values["Outreach__Mail__Mode"]);
    }

    [Fact]
    public void Load_NestedKeyOverriddenWithDoubleUnderscores_WinsOverColonKeyInFile()
    {
        Write(AppSettings.LocalSettingsFile, """{"Values":{"Outreach:Mail:OutboxPath":"outbox"}}""");
        var environment = new Hashtable { ["Outreach__Mail__OutboxPath"] = "/tmp/elsewhere" };

        var settings = AppSettings.Load(root, environment);

        Assert.Equal("/tmp/elsewhere", settings["Outreach:Mail:OutboxPath"]);
    }

    [Fact]
    public void Load_NoLocalSettings_UsesTheSample()
    {
        Write(AppSettings.SampleSettingsFile, """{"IsEncrypted":false,"Values":{"FUNCTIONS_WORKER_RUNTIME":"custom","Outreach__Staff__ApiKey":"k"}}""");

        var settings = AppSettings.Load(root, new Hashtable());

        Assert.EndsWith(AppSettings.SampleSettingsFile, settings.Source, StringComparison.Ordinal);
        Assert.Equal("custom", settings["FUNCTIONS_WORKER_RUNTIME"]);
    }

    [Fact]
    public void Load_BothFiles_LocalSettingsWin()
    {
        Write(AppSettings.SampleSettingsFile, """{"Values":{"Outreach__Staff__ApiKey":"sample"}}""");
        Write(AppSettings.LocalSettingsFile, """{"Values":{"Outreach__Staff__ApiKey":"mine"}}""");

        var settings = AppSettings.Load(root, new Hashtable());

        Assert.Equal("mine", settings["Outreach:Staff:ApiKey"]);
    }

    [Fact]
    public void Resolve_PercentSetting_IsReplacedAndAMissingOneThrows()
    {
        var settings = AppSettings.FromValues([new("Schedules:Discovery", "0 0 6 * * *")]);

        Assert.Equal("0 0 6 * * *", settings.Resolve("%Schedules:Discovery%"));
        Assert.Throws<InvalidOperationException>(() => settings.Resolve("%Nope%"));
    }

    [Fact]
    public void Load_HostLocalHttpPort_IsReadAsFuncStartReadsIt()
    {
        Write(AppSettings.LocalSettingsFile, """{"Values":{},"Host":{"LocalHttpPort":7080,"CORS":"*"}}""");

        var settings = AppSettings.Load(root, new Hashtable());

        Assert.Equal(7080, settings.LocalHttpPort);
    }

    private void Write(string name, string json) => File.WriteAllText(Path.Combine(root, name), json);
}
