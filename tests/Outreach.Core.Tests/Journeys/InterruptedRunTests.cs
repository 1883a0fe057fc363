using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;
using Outreach.Core.Tests.Leaders;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Journeys;

/// <summary>
/// No leader left without a letter: a discovery run or a sending round that stops part-way (a fault injected between
/// writes) is finished by the next run, which queues every welcome still missing; nobody gets a letter twice.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class InterruptedRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunAsync_StoppedAfterPartOfTheLeaders_NextRunQueuesEveryRemainingWelcomeAndEachIsSentOnce()
    {
        // Arrange: 250 new leaders; the process dies after storing 130 of them, when 100 welcomes are on the queue.
        FaultyLeaderRepository? faulty = null;
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString, inner => faulty = new FaultyLeaderRepository(inner));
        harness.Source.Leaders.AddRange(Enumerable.Range(0, 250).Select(i => harness.Leader("f" + i, i % 3 == 0 ? MembershipStatus.Member : MembershipStatus.NonMember)));
        faulty!.FailAddAfter = 130;
        await Assert.ThrowsAsync<IOException>(() => harness.Discovery.RunAsync());
        var queuedBeforeTheCrash = harness.Queue.Welcomes.ToList();
        await SendAllAsync(harness, queuedBeforeTheCrash);

        // Act: the next run, then the workers.
        faulty.FailAddAfter = null;
        var rerun = await harness.Discovery.RunAsync();
        await SendAllAsync(harness, rerun.QueuedWelcomes);
        var third = await harness.Discovery.RunAsync();

        // Assert
        Assert.Equal(DiscoveryService.WelcomeBatchSize, queuedBeforeTheCrash.Count);
        Assert.Equal(120, rerun.Discovered);
        Assert.Equal(150, rerun.QueuedWelcomes.Count); // the 120 new and the 30 stored without a queued welcome
        Assert.Empty(third.QueuedWelcomes);
        AssertOneLetterEach(harness, 250);
        var leaders = await harness.Queries.ListAsync(new LeaderQuery { District = harness.Copenhagen.Code, Limit = 1000 });
        Assert.Equal(250, leaders.Count);
        Assert.All(leaders, leader => Assert.Equal(LeaderState.Welcomed, leader.State));
    }

    [Fact]
    public async Task SendAsync_StoppedBetweenSendingAndMovingTheLeaderOn_NextRunQueuesTheRestAndSendsNoneTwice()
    {
        // Arrange: 100 leaders queued; the 30th letter goes out and its delivery is recorded, then the process dies
        // before the leader is moved to Welcomed, and the 70 work items behind it are lost with it.
        FaultyLeaderRepository? faulty = null;
        await using var harness = await LeaderFlowHarness.StartAsync(azurite.ConnectionString, inner => faulty = new FaultyLeaderRepository(inner));
        harness.Source.Leaders.AddRange(Enumerable.Range(0, 100).Select(i => harness.Leader("s" + i, MembershipStatus.NonMember)));
        var first = await harness.Discovery.RunAsync();
        faulty!.FailChangeAfter = 29;
        var sentBeforeTheCrash = 0;
        foreach (var item in first.QueuedWelcomes)
        {
            try
            {
                await harness.Welcome.SendAsync(item);
                sentBeforeTheCrash++;
            }
            catch (IOException)
            {
                break;
            }
        }

        // Act: the next discovery run, then the workers.
        faulty.FailChangeAfter = null;
        var rerun = await harness.Discovery.RunAsync();
        var outcomes = await SendAllAsync(harness, rerun.QueuedWelcomes);

        // Assert
        Assert.Equal(29, sentBeforeTheCrash);
        Assert.Equal(30, harness.Mail.Sent.Count - outcomes.Count(o => o == LetterOutcome.Sent));
        Assert.Equal(71, rerun.QueuedWelcomes.Count); // the 70 lost items and the leader whose letter went out unrecorded
        Assert.Equal(1, outcomes.Count(o => o == LetterOutcome.AlreadySent));
        Assert.Empty((await harness.Discovery.RunAsync()).QueuedWelcomes);
        AssertOneLetterEach(harness, 100);
        var leaders = await harness.Queries.ListAsync(new LeaderQuery { District = harness.Copenhagen.Code, Limit = 1000 });
        Assert.All(leaders, leader => Assert.Equal(LeaderState.Welcomed, leader.State));
    }

    private static async Task<List<LetterOutcome>> SendAllAsync(LeaderFlowHarness harness, IEnumerable<WelcomeWorkItem> items)
    {
        var outcomes = new List<LetterOutcome>();
        foreach (var item in items)
        {
            outcomes.Add(await harness.Welcome.SendAsync(item));
        }

        return outcomes;
    }

    private static void AssertOneLetterEach(LeaderFlowHarness harness, int leaders)
    {
        Assert.Equal(leaders, harness.Mail.Sent.Count);
        Assert.Equal(leaders, harness.Mail.Sent.Select(mail => mail.To.Email).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}
