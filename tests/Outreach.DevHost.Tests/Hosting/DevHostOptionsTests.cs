using Outreach.DevHost.Hosting;

namespace Outreach.DevHost.Tests.Hosting;

public sealed class DevHostOptionsTests
{
    [Fact]
    public void Parse_EveryOption_IsRead()
    {
        var options = DevHostOptions.Parse(
        [
            "--app", "/tmp/app", "--settings-root", "/tmp/repo", "--configuration", "Release", "--port", "0", "--run-timers-on-startup", "--verbose",
            "--azurite-ports", "20000,20001,20002", "--azurite-location", "memory", "--functions", "StaffApi,PublicApi", "--functions", "SendWelcome",
        ]);

        Assert.Equal("/tmp/app", options.App);
        Assert.Equal("/tmp/repo", options.SettingsRoot);
        Assert.Equal("Release", options.Configuration);
        Assert.Equal(0, options.Port);
        Assert.True(options.RunTimersOnStartup);
        Assert.True(options.Verbose);
        Assert.Equal(new AzuritePorts(20000, 20001, 20002), options.AzuritePorts);
        Assert.Equal("memory", options.AzuriteLocation);
        Assert.Equal(["StaffApi", "PublicApi", "SendWelcome"], options.Functions);
    }

    [Fact]
    public void Parse_AppRootOfEarlierRunSh_IsTheSettingsRoot()
    {
        var options = DevHostOptions.Parse(["--app-root", "/tmp/repo"]);

        Assert.Equal("/tmp/repo", options.SettingsRoot);
        Assert.Null(options.App);
    }

    [Fact]
    public void Parse_NoArguments_UsesTheDefaultsOfRunSh()
    {
        var options = DevHostOptions.Parse([]);

        Assert.Null(options.App);
        Assert.Null(options.SettingsRoot);
        Assert.Null(options.Port);
        Assert.Null(options.AzuritePorts);
        Assert.False(options.RunTimersOnStartup);
        Assert.Empty(options.Functions);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("--port", "70000")]
    [InlineData("--port")]
    [InlineData("--azurite-ports", "1,2")]
    [InlineData("--handler", "/tmp/h.dll")]
    public void Parse_BadArgument_ThrowsNamingIt(params string[] args)
    {
        var exception = Assert.Throws<ArgumentException>(() => DevHostOptions.Parse(args));

        Assert.Contains(args[0], exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultAppFolder_RepositoryRoot_IsTheFunctionsAppBuildOutput()
    {
        var folder = FunctionHost.DefaultAppFolder("/repo", "Release");

        Assert.Equal(Path.Combine("/repo", "src", "Functions", "bin", "Release", "net10.0"), folder);
    }
}
