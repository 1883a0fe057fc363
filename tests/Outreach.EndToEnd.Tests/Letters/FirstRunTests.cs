using Outreach.Testing.Azurite;

namespace Outreach.EndToEnd.Tests.Letters;

/// <summary>
/// The real app under DevHost, as ./run.sh runs it: the timers fire at start, discovery reads the leaders CSV and queues a
/// welcome per leader, and the queue function writes one letter per leader to the outbox; a second run sends nothing.
/// </summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly AzuriteFixture azurite = new();
    private EndToEndSettings settings = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        settings = new EndToEndSettings(leaderCount: 8, azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        settings.Dispose();
    }

    [Fact]
    public async Task RunTimersOnStartup_TwoRunsOnTheSameStorage_OneWelcomePerLeaderWithItsVariant()
    {
        await using (var first = await AppHost.StartAsync(settings, runTimersOnStartup: true))
        {
            await first.UntilAsync(() => Outbox.Count(settings.Outbox) >= settings.Leaders.Count, Deadline, "a letter per leader");
            await first.UntilAsync(async () => await QueueProbe.CountAsync(azurite.ConnectionString, "welcome-letters") == 0, Deadline, "welcome-letters drained");
        }

        var letters = Outbox.ByRecipient(settings.Outbox);
        Assert.Equal(settings.Leaders.Select(leader => leader.Email).Order(), letters.Keys.Order());
        Assert.All(letters, recipient => Assert.Single(recipient.Value));
        var member = settings.Leaders.First(leader => leader.IsMember);
        var nonMember = settings.Leaders.First(leader => !leader.IsMember);
        Assert.Contains("en hilsen fra", letters[member.Email][0].Subject, StringComparison.Ordinal);
        Assert.Contains("en invitation fra", letters[nonMember.Email][0].Subject, StringComparison.Ordinal);

        await using (var second = await AppHost.StartAsync(settings, runTimersOnStartup: true))
        {
            await second.WaitForInvocationsAsync("DiscoverLeaders", 1, Deadline);
            await second.UntilAsync(async () => await QueueProbe.CountAsync(azurite.ConnectionString, "welcome-letters") == 0, Deadline, "welcome-letters drained");
            Assert.DoesNotContain(second.Host.RecentInvocations, invocation => invocation.FunctionName == "DiscoverLeaders" && !invocation.Succeeded);
        }

        Assert.Equal(settings.Leaders.Count, Outbox.Count(settings.Outbox));
    }
}
