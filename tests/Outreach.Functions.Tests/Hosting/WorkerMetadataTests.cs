using System.Globalization;
using System.Text.Json.Nodes;
using NCrontab;

namespace Outreach.Functions.Tests.Hosting;

/// <summary>
/// The worker's build output is what the host (or DevHost) reads: functions.metadata (worker indexing), worker.config.json
/// and host.json. These tests fail when a function, its trigger or the host settings are not what the app needs.
/// </summary>
public sealed class WorkerMetadataTests
{
    private static readonly JsonArray Metadata = RepositoryFiles.ReadJson(Path.Combine(RepositoryFiles.FunctionsOutput, "functions.metadata")).AsArray();

    private static JsonObject Function(string name) =>
        Metadata.Select(function => function!.AsObject()).SingleOrDefault(function => function["name"]!.GetValue<string>() == name)
            ?? throw new Xunit.Sdk.XunitException($"functions.metadata has no function {name}.");

    private static JsonObject Trigger(string name) =>
        Function(name)["bindings"]!.AsArray().Select(binding => binding!.AsObject())
            .Single(binding => binding["type"]!.GetValue<string>().EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public void FunctionsMetadata_ListsEveryFunctionOfTheApp()
    {
        // Act
        var names = Metadata.Select(function => function!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(
            [
                "AddSuppression", "ApproveCampaign", "ApproveNewsletter", "CancelCampaign", "CancelNewsletter", "CreateCampaign", "CreateNewsletter",
                "DeleteRecipientList", "DiscardPoisonMessage", "DiscoverLeaders", "ErasePersonalData", "ExportPersonalData", "FollowUpSweep",
                "GetCampaign", "GetFunnel", "GetLeader", "GetLeaderEvents", "GetNewsletter", "GetNewsletterSchedule", "GetRecipientList",
                "ImportLeaders", "ImportMembers", "ListCampaigns", "ListLeaders", "ListNewsletters", "ListPoisonMessages", "ListRecipientLists",
                "ListSuppressions", "ListUnknownDeliveries", "PlanCampaign", "PreviewCampaign", "PreviewNewsletter",
                "ReceiveSendGridEvents", "RecordLeaderDecision", "RegisterLeader", "RemoveSuppression", "RequeuePoisonMessage",
                "ResolveDelivery", "RetentionSweep", "RunCampaignSchedules", "RunDiscovery", "SendCampaign", "SendCampaignBatch", "SendCampaignTest",
                "SendFollowUp", "SendNewsletter", "SendNewsletterTest", "SendWelcome", "StaffOpenApi", "Unsubscribe", "UnsubscribePage",
                "UpdateCampaign", "UpdateNewsletter", "UploadRecipientList", "WhoAmI",
            ],
            names);
    }

    [Theory]
    [InlineData("SendWelcome", "welcome-letters")]
    [InlineData("SendFollowUp", "follow-up-letters")]
    [InlineData("PlanCampaign", "campaign-plans")]
    [InlineData("SendCampaignBatch", "campaign-batches")]
    public void FunctionsMetadata_QueueFunctions_TriggerOnTheirQueueWithTheHostsStorage(string name, string queue)
    {
        // Act
        var trigger = Trigger(name);

        // Assert
        Assert.Equal("queueTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal(queue, trigger["queueName"]!.GetValue<string>());
        Assert.Equal("AzureWebJobsStorage", trigger["connection"]!.GetValue<string>());
        Assert.True(RepositoryFiles.SampleSettings().ContainsKey("AzureWebJobsStorage"));
    }

    [Fact]
    public void FunctionsMetadata_FollowUpSweep_HasAValidSixFieldScheduleAndWritesToTheFollowUpQueue()
    {
        // Arrange
        var trigger = Trigger("FollowUpSweep");
        var schedule = trigger["schedule"]!.GetValue<string>();

        // Act
        var output = Assert.Single(Outputs("FollowUpSweep"));

        // Assert
        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.NotNull(CrontabSchedule.TryParse(schedule, new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        Assert.Equal(6, schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal("queue", output["type"]!.GetValue<string>());
        Assert.Equal("follow-up-letters", output["queueName"]!.GetValue<string>());
    }

    [Fact]
    public void FunctionsMetadata_DiscoverLeaders_IsADailyTimerWithoutAQueueOutput()
    {
        // Arrange
        var trigger = Trigger("DiscoverLeaders");

        // Act: Core queues the welcomes as discovery goes; an output binding would be written only after the whole run.
        var outputs = Outputs("DiscoverLeaders");

        // Assert
        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.NotNull(CrontabSchedule.TryParse(trigger["schedule"]!.GetValue<string>(), new CrontabSchedule.ParseOptions { IncludingSeconds = true }));
        Assert.Empty(outputs);
    }

    [Fact]
    public void FunctionsMetadata_RetentionSweep_RunsAt0300OnTheFirstOfEveryMonth()
    {
        // Arrange
        var trigger = Trigger("RetentionSweep");
        var schedule = CrontabSchedule.Parse(trigger["schedule"]!.GetValue<string>(), new CrontabSchedule.ParseOptions { IncludingSeconds = true });

        // Act
        var next = schedule.GetNextOccurrences(new DateTime(2027, 1, 15, 0, 0, 0, DateTimeKind.Utc), new DateTime(2027, 4, 15, 0, 0, 0, DateTimeKind.Utc)).ToList();

        // Assert
        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal([new DateTime(2027, 2, 1, 3, 0, 0), new DateTime(2027, 3, 1, 3, 0, 0), new DateTime(2027, 4, 1, 3, 0, 0)], next);
        Assert.Empty(Outputs("RetentionSweep"));
    }

    [Fact]
    public void FunctionsMetadata_RunCampaignSchedules_RunsEveryFiveMinutesWithoutOutputs()
    {
        // Arrange
        var trigger = Trigger("RunCampaignSchedules");
        var schedule = CrontabSchedule.Parse(trigger["schedule"]!.GetValue<string>(), new CrontabSchedule.ParseOptions { IncludingSeconds = true });

        // Act: the host evaluates it in UTC; the districts' Copenhagen schedules are Core's (see CampaignWorkFunctions.ScheduleCheck).
        var next = schedule.GetNextOccurrences(new DateTime(2027, 3, 28, 0, 58, 0, DateTimeKind.Utc), new DateTime(2027, 3, 28, 1, 16, 0, DateTimeKind.Utc)).ToList();

        // Assert
        Assert.Equal("timerTrigger", trigger["type"]!.GetValue<string>());
        Assert.Equal([new DateTime(2027, 3, 28, 1, 0, 0), new DateTime(2027, 3, 28, 1, 5, 0), new DateTime(2027, 3, 28, 1, 10, 0), new DateTime(2027, 3, 28, 1, 15, 0)], next);
        Assert.Empty(Outputs("RunCampaignSchedules"));
    }

    private static List<JsonObject> Outputs(string name) =>
        [.. Function(name)["bindings"]!.AsArray().Select(binding => binding!.AsObject()).Where(binding => binding["direction"]!.GetValue<string>() == "Out")];

    [Fact]
    public void FunctionsMetadata_HttpFunctions_AreStaffWithFunctionKeysOrPublicAnonymous()
    {
        // Arrange
        var http = Metadata.Select(function => function!.AsObject())
            .Select(function => (Name: function["name"]!.GetValue<string>(), Trigger: function["bindings"]!.AsArray().Select(b => b!.AsObject()).SingleOrDefault(b => b["type"]!.GetValue<string>() == "httpTrigger")))
            .Where(function => function.Trigger is not null)
            .ToList();

        // Act + Assert
        Assert.Equal(47, http.Count);
        Assert.All(http, function =>
        {
            var route = function.Trigger!["route"]!.GetValue<string>();
            var level = function.Trigger["authLevel"]!.GetValue<string>();
            Assert.True(
                (route.StartsWith("staff/", StringComparison.Ordinal) && level == "Function") || (route.StartsWith("public/", StringComparison.Ordinal) && level == "Anonymous"),
                $"{function.Name}: route {route} with authLevel {level}");
        });
    }

    [Fact]
    public void WorkerConfig_IsTheDotnetIsolatedWorkerWithWorkerIndexing()
    {
        // Act
        var description = RepositoryFiles.ReadJson(Path.Combine(RepositoryFiles.FunctionsOutput, "worker.config.json"))["description"]!;

        // Assert
        Assert.Equal("dotnet-isolated", description["language"]!.GetValue<string>());
        Assert.Equal("true", description["workerIndexing"]!.GetValue<string>());
        Assert.Equal("Outreach.Functions.dll", description["defaultWorkerPath"]!.GetValue<string>());
    }

    [Fact]
    public void HostJson_InTheOutput_IsTheRepositorysWithQueueSettingsAndNoCustomHandler()
    {
        // Act
        var output = File.ReadAllText(Path.Combine(RepositoryFiles.FunctionsOutput, "host.json"));
        var host = JsonNode.Parse(output)!;
        var queues = host["extensions"]!["queues"]!;

        // Assert
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "host.json")), output);
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Null(host["customHandler"]);
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        Assert.Equal("base64", queues["messageEncoding"]!.GetValue<string>());
        Assert.InRange(queues["maxDequeueCount"]!.GetValue<int>(), 2, 10);
        Assert.InRange(queues["batchSize"]!.GetValue<int>(), 1, 32);
        Assert.True(TimeSpan.TryParse(queues["visibilityTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture, out var visibility) && visibility > TimeSpan.Zero);
    }

    [Fact]
    public void Output_CarriesTheDistrictsAndTemplates_SoRelativeSettingsResolveInTheAppDirectory()
    {
        // Act + Assert
        Assert.True(File.Exists(Path.Combine(RepositoryFiles.FunctionsOutput, "config", "districts.json")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(RepositoryFiles.FunctionsOutput, "templates"), "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("Outreach__DistrictsFile")]
    [InlineData("Outreach__Templates__Path")]
    [InlineData("Outreach__Sources__File")]
    [InlineData("Outreach__Mail__Mode")]
    [InlineData("Outreach__Mail__OutboxPath")]
    [InlineData("Outreach__SendGrid__ApiKey")]
    [InlineData("Outreach__PublicBaseUrl")]
    [InlineData("Outreach__Unsubscribe__SigningKey")]
    [InlineData("Outreach__Staff__ApiKey")]
    [InlineData("Outreach__Staff__TrustAppServiceAuthentication")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    public void LocalSettingsSample_SettingTheAppReads_IsListedForTheIsolatedWorker(string setting)
    {
        // Act
        var settings = RepositoryFiles.SampleSettings();

        // Assert
        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.True(settings.ContainsKey(setting), $"local.settings.sample.json lacks {setting}.");
    }
}
