using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Letters;

namespace Outreach.Core.Tests.Leaders;

public sealed class DiscoveryServiceTests
{
    private readonly Mock<ILeaderRepository> leaders = new(MockBehavior.Strict);
    private readonly Mock<ILetterQueue> queue = new(MockBehavior.Strict);
    private readonly Mock<ILeaderSource> source = new();
    private readonly List<string> writes = [];

    public DiscoveryServiceTests()
    {
        source.SetupGet(s => s.Name).Returns("file");
        leaders.Setup(l => l.AddAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent>(), It.IsAny<CancellationToken>()))
            .Callback((Leader leader, LeaderEvent _, CancellationToken _) => writes.Add("add " + leader.LeaderId))
            .Returns(Task.CompletedTask);
        queue.Setup(q => q.EnqueueWelcomesAsync(It.IsAny<IReadOnlyCollection<WelcomeWorkItem>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<WelcomeWorkItem> items, CancellationToken _) => writes.Add("queue " + items.Count))
            .Returns(Task.CompletedTask);
    }

    [Fact]
    public async Task RunAsync_MoreNewLeadersThanABatch_QueuesTheirWelcomesInBatchesAsTheyAreStored()
    {
        // Arrange
        Known("storkobenhavn");
        Known("nordjylland");
        Reads(Enumerable.Range(0, 250).Select(i => DomainTestData.Sourced("s" + i)).ToArray());

        // Act
        var report = await Service().RunAsync();

        // Assert: a batch goes out after every hundred stored leaders, not all at the end.
        Assert.Equal(250, report.Discovered);
        Assert.Equal(250, report.QueuedWelcomes.Count);
        Assert.Equal(["queue 100", "queue 100", "queue 50"], writes.Where(w => w.StartsWith("queue", StringComparison.Ordinal)));
        Assert.Equal("queue 100", writes[100]);
        Assert.Equal("queue 100", writes[201]);
    }

    [Fact]
    public async Task RunAsync_LeaderStillDiscoveredFromAnEarlierRun_QueuesItsWelcomeAndNobodyElses()
    {
        // Arrange: the source has nobody new; one known leader was never welcomed, one was.
        Known("storkobenhavn", DomainTestData.Leader("waiting"), DomainTestData.Leader("done", LeaderState.Welcomed));
        Known("nordjylland", DomainTestData.Leader("north", district: "nordjylland"));
        Reads();

        // Act
        var report = await Service().RunAsync();

        // Assert
        Assert.Equal(0, report.Discovered);
        Assert.Equal([new WelcomeWorkItem("storkobenhavn", "waiting"), new WelcomeWorkItem("nordjylland", "north")], report.QueuedWelcomes);
        queue.Verify(q => q.EnqueueWelcomesAsync(It.IsAny<IReadOnlyCollection<WelcomeWorkItem>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_ConcurrentRunStoredTheLeaderFirst_CountsItUnchangedAndQueuesNothingForIt()
    {
        // Arrange
        Known("storkobenhavn");
        Known("nordjylland");
        Reads(DomainTestData.Sourced("s1"));
        leaders.Setup(l => l.AddAsync(It.IsAny<Leader>(), It.IsAny<LeaderEvent>(), It.IsAny<CancellationToken>())).ThrowsAsync(new DuplicateLeaderException());

        // Act
        var report = await Service().RunAsync();

        // Assert
        Assert.Equal((0, 1), (report.Discovered, report.Unchanged));
        Assert.Empty(report.QueuedWelcomes);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task ImportAsync_AllOrNothingWithABadRow_WritesAndQueuesNothing()
    {
        // Arrange
        var csv = new MemoryStream("district,sourceId,name,email\nstorkobenhavn,a1,Anna,anna@example.org\nstorkobenhavn,a2,Bo,not-an-address\n"u8.ToArray());

        // Act
        var report = await Service().ImportAsync(csv, ImportMode.AllOrNothing, "anna@sl.example");

        // Assert
        Assert.True(report.Rejected);
        leaders.VerifyNoOtherCalls();
        queue.VerifyNoOtherCalls();
    }

    private DiscoveryService Service()
    {
        var districts = DomainTestData.Districts();
        return new DiscoveryService([source.Object], new LeaderCsvParser(districts), districts, leaders.Object, queue.Object, DomainTestData.Clock(), NullLogger<DiscoveryService>.Instance);
    }

    private void Known(string district, params Leader[] known) =>
        leaders.Setup(l => l.ListAsync(district, LeaderFilter.All, It.IsAny<CancellationToken>())).ReturnsAsync(known);

    private void Reads(params SourcedLeader[] found) =>
        source.Setup(s => s.ReadAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new LeaderSourceResult(found, [], []));
}
