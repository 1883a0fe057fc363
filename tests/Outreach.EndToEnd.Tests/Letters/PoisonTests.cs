using Outreach.Testing.Azurite;

namespace Outreach.EndToEnd.Tests.Letters;

/// <summary>A malformed welcome message: the app refuses it with a log line, DevHost retries it and moves it to poison.</summary>
public sealed class PoisonTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly AzuriteFixture azurite = new();
    private EndToEndSettings settings = null!;
    private string app = "";

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        settings = new EndToEndSettings(leaderCount: 1, azurite.ConnectionString);
        app = AppFolders.WithHostJson(settings.Root, visibilityTimeout: "00:00:01");
    }

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        settings.Dispose();
    }

    [Fact]
    public async Task MalformedWelcomeMessage_AfterMaxDequeueCount_InPoisonWithTheReasonLoggedAndNoLetter()
    {
        const string malformed = "{\"district\":\"storkobenhavn\"";
        await using var run = await AppHost.StartAsync(settings, runTimersOnStartup: false, app, "SendWelcome");

        await QueueProbe.SendAsync(azurite.ConnectionString, "welcome-letters", malformed);

        await run.UntilAsync(async () => (await QueueProbe.PeekAsync(azurite.ConnectionString, "welcome-letters-poison")).Count == 1, Deadline, "the message in welcome-letters-poison");
        Assert.Equal([malformed], await QueueProbe.PeekAsync(azurite.ConnectionString, "welcome-letters-poison"));
        Assert.Equal(0, await QueueProbe.CountAsync(azurite.ConnectionString, "welcome-letters"));
        Assert.Equal(5, run.Host.RecentInvocations.Count(invocation => invocation.FunctionName == "SendWelcome" && !invocation.Succeeded));
        Assert.Contains("Refused a malformed message on welcome-letters: the message is not the JSON of a WelcomeWorkItem", run.Log.Text, StringComparison.Ordinal);
        Assert.Equal(0, Outbox.Count(settings.Outbox));
    }
}
