using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using NCrontab;
using Outreach.Core.Storage;
using Outreach.Functions.Invocations;

namespace Outreach.Functions.Tests.Contract;

/// <summary>
/// The deployed package is host.json + functions/*/function.json + the handler. The host trusts the files, the handler
/// trusts its routes: these tests fail when the two disagree, long before a deployment does.
/// </summary>
public sealed class FunctionContractTests : IClassFixture<HandlerFactory>
{
    private static readonly string[] HttpFunctionPrefixes = ["staff/", "public/"];
    private readonly HandlerFactory handler;

    public FunctionContractTests(HandlerFactory handler) => this.handler = handler;

    public static TheoryData<string> FunctionNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in RepositoryFiles.FunctionNames)
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void FunctionFolders_EveryPayloadFunctionOfTheHandler_HasAFolderAndEveryFolderAFunction()
    {
        // Arrange
        var registry = handler.Services.GetRequiredService<PayloadFunctionRegistry>();
        var handlerNames = registry.All.Select(function => function.Name)
            .Where(name => name is not EchoQueueFunction.Name and not EchoTimerFunction.Name and not ThrowingTimerFunction.Name)
            .Order(StringComparer.Ordinal);
        var payloadFolders = RepositoryFiles.FunctionNames.Where(name => Trigger(name)["type"]!.GetValue<string>() != "httpTrigger");

        // Act + Assert
        Assert.Equal(payloadFolders, handlerNames);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_PayloadTrigger_MatchesTheHandlersTriggerTypeAndBindingName(string functionName)
    {
        // Arrange
        var trigger = Trigger(functionName);
        var type = trigger["type"]!.GetValue<string>();
        if (type == "httpTrigger")
        {
            return; // HTTP functions are forwarded, not payload functions: checked below.
        }

        // Act
        var function = handler.Services.GetRequiredService<PayloadFunctionRegistry>().Find(functionName);

        // Assert
        Assert.NotNull(function);
        Assert.Equal(function.TriggerType, type);
        Assert.Equal(function.TriggerBinding, trigger["name"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_QueueBindings_NameAKnownQueueAndASettingOfTheSample(string functionName)
    {
        // Arrange
        var settings = RepositoryFiles.SampleSettings();
        var queueBindings = Bindings(functionName).Where(binding => binding["type"]!.GetValue<string>() is "queue" or "queueTrigger").ToList();

        // Act + Assert
        foreach (var binding in queueBindings)
        {
            Assert.Contains(binding["queueName"]!.GetValue<string>(), StorageNames.Queues);
            var connection = binding["connection"]!.GetValue<string>();
            Assert.True(settings.ContainsKey(connection), $"{functionName}: connection '{connection}' is not a setting in local.settings.sample.json.");
        }
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void FunctionJson_TimerSchedule_IsAValidSixFieldNcrontab(string functionName)
    {
        // Arrange
        var trigger = Trigger(functionName);
        if (trigger["type"]!.GetValue<string>() != "timerTrigger")
        {
            return;
        }

        var schedule = trigger["schedule"]!.GetValue<string>();

        // Act
        var parsed = CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true });

        // Assert
        Assert.NotNull(parsed);
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Theory]
    [InlineData("DiscoverLeaders", "welcomes", "welcome-letters")]
    [InlineData("FollowUpSweep", "followUps", "follow-up-letters")]
    public void FunctionJson_TimerOutputs_AreTheBindingsTheHandlerWritesTo(string functionName, string bindingName, string queueName)
    {
        // Arrange + Act
        var output = Bindings(functionName).SingleOrDefault(binding => binding["direction"]!.GetValue<string>() == "out");

        // Assert
        Assert.NotNull(output);
        Assert.Equal("queue", output["type"]!.GetValue<string>());
        Assert.Equal(bindingName, output["name"]!.GetValue<string>());
        Assert.Equal(queueName, output["queueName"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("StaffApi", "staff/{*path}", "function")]
    [InlineData("PublicApi", "public/{*path}", "anonymous")]
    public void FunctionJson_HttpFunctions_CoverTheHandlersRouteGroupsWithTheRightAuthLevel(string functionName, string route, string authLevel)
    {
        // Arrange + Act
        var trigger = Trigger(functionName);

        // Assert
        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(route, trigger["route"]!.GetValue<string>());
        Assert.Equal(authLevel, trigger["authLevel"]!.GetValue<string>());
        Assert.Contains(HttpFunctionPrefixes, prefix => route.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains(Bindings(functionName), binding => binding["type"]!.GetValue<string>() == "http" && binding["direction"]!.GetValue<string>() == "out");
    }

    [Fact]
    public void HostJson_CustomHandler_ForwardsHttpAndStartsTheHandlerFromThePackage()
    {
        // Arrange + Act
        var host = RepositoryFiles.ReadJson("host.json");

        // Assert
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("[4.*, 5.0.0)", host["extensionBundle"]!["version"]!.GetValue<string>());
        Assert.Equal("handler/Outreach.Functions", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.True(TimeSpan.TryParse(host["functionTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void HostJson_Queues_HaveTheRetryAndEncodingTheWorkItemsNeed()
    {
        // Arrange + Act
        var queues = RepositoryFiles.ReadJson("host.json")["extensions"]!["queues"]!;

        // Assert
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
        Assert.InRange(queues["maxDequeueCount"]!.GetValue<int>(), 2, 10);
        Assert.InRange(queues["batchSize"]!.GetValue<int>(), 1, 32);
        Assert.True(TimeSpan.TryParse(queues["visibilityTimeout"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var visibility) && visibility > TimeSpan.Zero);
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("Outreach__DistrictsFile")]
    [InlineData("Outreach__Templates__Path")]
    [InlineData("Outreach__Sources__File")]
    [InlineData("Outreach__Sources__Graph__Enabled")]
    [InlineData("Outreach__Sources__SharePoint__Enabled")]
    [InlineData("Outreach__Mail__Mode")]
    [InlineData("Outreach__Mail__OutboxPath")]
    [InlineData("Outreach__Mail__PrintPath")]
    [InlineData("Outreach__SendGrid__ApiKey")]
    [InlineData("Outreach__SendGrid__BaseUrl")]
    [InlineData("Outreach__SendGrid__SandboxMode")]
    [InlineData("Outreach__PublicBaseUrl")]
    [InlineData("Outreach__Unsubscribe__SigningKey")]
    [InlineData("Outreach__Staff__ApiKey")]
    public void LocalSettingsSample_SettingTheAppReads_IsListed(string setting)
    {
        // Arrange + Act
        var settings = RepositoryFiles.SampleSettings();

        // Assert
        Assert.True(settings.ContainsKey(setting), $"local.settings.sample.json lacks {setting}.");
        if (setting == "FUNCTIONS_WORKER_RUNTIME")
        {
            Assert.Equal("custom", settings[setting]);
        }
    }

    private static List<JsonNode> Bindings(string functionName) => [.. RepositoryFiles.FunctionJson(functionName)["bindings"]!.AsArray().OfType<JsonNode>()];

    private static JsonNode Trigger(string functionName) =>
        Bindings(functionName).Single(binding => binding["direction"]!.GetValue<string>() == "in"
            && binding["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));
}
