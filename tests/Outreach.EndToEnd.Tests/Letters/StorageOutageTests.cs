using Outreach.DevHost.Azurite;
using Outreach.Testing.Azurite;

namespace Outreach.EndToEnd.Tests.Letters;

/// <summary>Storage gone for 15 s while the welcomes go out, then back with its data: every leader still gets one letter.</summary>
public sealed class StorageOutageTests : IAsyncLifetime
{
    private const int Leaders = 200;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);
    private string location = "";
    private AzuriteLauncher azurite = null!;
    private EndToEndSettings settings = null!;

    public async Task InitializeAsync()
    {
        // On disk, so the Azurite started after the outage has the data of the one that died.
        location = Directory.CreateTempSubdirectory("outreach-e2e-azurite-").FullName;
        azurite = await AzuriteLauncher.StartAsync(location);
        settings = new EndToEndSettings(Leaders, azurite.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        settings.Dispose();
        Directory.Delete(location, recursive: true);
    }

    [Fact]
    public async Task AzuriteGoneFor15SecondsWhileSending_EveryLeaderGetsExactlyOneLetter()
    {
        // A message whose settling failed in the outage stays invisible for functionTimeout + 1 minute (DevHost, like the
        // host, does not know it was released): 20 s instead of the app's 10 minutes keeps the wait short.
        var app = AppFolders.WithHostJson(settings.Root, visibilityTimeout: "00:00:01", functionTimeout: "00:00:20");
        await using var run = await AppHost.StartAsync(settings, runTimersOnStartup: true, app);
        await run.WaitForInvocationsAsync("DiscoverLeaders", 1, Deadline);
        await run.UntilAsync(() => Outbox.Count(settings.Outbox) > 0, Deadline, "the first letters");

        // Storage goes away while letters go out, and stays away longer than the storage clients' retries. Azurite is
        // stopped as a service stops (SIGTERM: it writes its data files); a SIGKILL would also lose the writes Azurite had
        // acknowledged but not yet saved, which Azure Storage never does, so that would test the emulator, not us.
        var sentBeforeOutage = Outbox.Count(settings.Outbox);
        var (blob, queue, table) = (azurite.BlobPort, azurite.QueuePort, azurite.TablePort);
        await azurite.DisposeAsync();
        await Task.Delay(Outage);
        azurite = await AzuriteLauncher.StartAsync(location, blob, queue, table);

        Assert.True(sentBeforeOutage < Leaders, $"all {Leaders} letters were sent before the outage; the test interrupted nothing");
        await run.UntilAsync(() => Outbox.Count(settings.Outbox) >= Leaders, Deadline, "a letter per leader");
        await run.UntilAsync(async () => await QueueProbe.CountAsync(azurite.ConnectionString, "welcome-letters") == 0, Deadline, "welcome-letters drained");
        var letters = Outbox.ByRecipient(settings.Outbox);
        Assert.Equal(settings.Leaders.Select(leader => leader.Email).Order(), letters.Keys.Order());
        Assert.Empty(letters.Where(recipient => recipient.Value.Count > 1).Select(recipient => $"{recipient.Key} ×{recipient.Value.Count}"));
        Assert.Empty(await QueueProbe.PeekAsync(azurite.ConnectionString, "welcome-letters-poison"));
    }
}
