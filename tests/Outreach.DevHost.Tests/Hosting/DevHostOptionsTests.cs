using Outreach.DevHost.AppModel;
using Outreach.DevHost.Hosting;

namespace Outreach.DevHost.Tests.Hosting;

public sealed class DevHostOptionsTests
{
    [Fact]
    public void Parse_EveryOption_IsRead()
    {
        var options = DevHostOptions.Parse(
        [
            "--app-root", "/tmp/app", "--handler", "/tmp/h.dll", "--configuration", "Release", "--port", "0", "--run-timers-on-startup",
            "--azurite-ports", "20000,20001,20002", "--azurite-location", "memory", "--functions", "StaffApi,PublicApi", "--functions", "SendWelcome",
        ]);

        Assert.Equal("/tmp/app", options.AppRoot);
        Assert.Equal("/tmp/h.dll", options.HandlerAssembly);
        Assert.Equal("Release", options.Configuration);
        Assert.Equal(0, options.Port);
        Assert.True(options.RunTimersOnStartup);
        Assert.Equal(new AzuritePorts(20000, 20001, 20002), options.AzuritePorts);
        Assert.Equal("memory", options.AzuriteLocation);
        Assert.Equal(["StaffApi", "PublicApi", "SendWelcome"], options.Functions);
    }

    [Fact]
    public void Parse_NoArguments_UsesTheDefaultsOfRunSh()
    {
        var options = DevHostOptions.Parse([]);

        Assert.Null(options.Port);
        Assert.Null(options.AzuritePorts);
        Assert.Null(options.HandlerUrl);
        Assert.False(options.RunTimersOnStartup);
        Assert.Empty(options.Functions);
    }

    [Theory]
    [InlineData("--nope")]
    [InlineData("--port", "70000")]
    [InlineData("--port")]
    [InlineData("--azurite-ports", "1,2")]
    [InlineData("--handler-url", "ftp://127.0.0.1/")]
    public void Parse_BadArgument_ThrowsNamingIt(params string[] args)
    {
        var exception = Assert.Throws<ArgumentException>(() => DevHostOptions.Parse(args));

        Assert.Contains(args[0], exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_KnownNames_KeepsThoseFunctionsAndAnUnknownNameThrows()
    {
        var app = FunctionAppDefinition.Load(RepositoryFiles.Root);

        var only = app.Only(["StaffApi", "SendWelcome"]);

        Assert.Equal(["SendWelcome", "StaffApi"], only.Functions.Select(function => function.Name));
        var exception = Assert.Throws<InvalidDataException>(() => app.Only(["sendwelcome"]));
        Assert.Contains("sendwelcome", exception.Message, StringComparison.Ordinal);
    }
}
