using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using Outreach.Core.Email;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

/// <summary>The processed-event store, the event counters and the suppression list on Azurite.</summary>
[Collection(AzuriteTests.Name)]
public sealed class ProviderEventTablesTests
{
    private readonly TableServiceClient tables;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero));

    public ProviderEventTablesTests(AzuriteFixture azurite)
    {
        tables = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in StorageNames.Tables)
        {
            tables.CreateTableIfNotExists(table);
        }
    }

    [Fact]
    public async Task TryAddAsync_SameEventTwice_InsertsOnceAndHasItAfterwards()
    {
        // Arrange
        var store = new TableProcessedEventStore(tables, clock);
        var key = "id:" + Guid.NewGuid().ToString("N") + "/with#odd?chars\\";

        // Act
        var before = await store.HasAsync(key, CancellationToken.None);
        var first = await store.TryAddAsync(key, CancellationToken.None);
        var second = await store.TryAddAsync(key, CancellationToken.None);

        // Assert
        Assert.Equal((false, true, false), (before, first, second));
        Assert.True(await store.HasAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_ParallelIncrements_LoseNone()
    {
        // Arrange
        var counters = new TableProviderEventCounters(tables);
        var district = "d" + Guid.NewGuid().ToString("N")[..10];
        var day = new DateOnly(2026, 12, 3);

        // Act
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => counters.AddAsync(district, day, "open", 2, CancellationToken.None)));

        // Assert
        Assert.Equal(16, await counters.GetAsync(district, day, "open", CancellationToken.None));
        Assert.Equal(0, await counters.GetAsync(district, day, "click", CancellationToken.None));
    }

    [Fact]
    public async Task SuppressAsync_ThenListAndRemove_KeepsTheReasonSourceAndHashAndLiftsIt()
    {
        // Arrange
        var list = new TableSuppressionList(tables, clock);
        var email = "  Hanne." + Guid.NewGuid().ToString("N")[..8] + "@Example.org ";

        // Act
        await list.SuppressAsync(email, "Hard bounce", "sendgrid", CancellationToken.None);
        var reason = await list.ReasonAsync(email.Trim().ToUpperInvariant(), CancellationToken.None);
        var listed = await AllAsync(list);
        var removed = await list.RemoveAsync(email, CancellationToken.None);
        var removedAgain = await list.RemoveAsync(email, CancellationToken.None);

        // Assert
        Assert.Equal("Hard bounce", reason);
        var entry = Assert.Single(listed, e => e.EmailHash == EmailAddresses.Hash(email));
        Assert.Equal((EmailAddresses.Normalize(email), "sendgrid", clock.GetUtcNow()), (entry.Email, entry.Source, entry.At));
        Assert.Equal((true, false), (removed, removedAgain));
        Assert.Null(await list.ReasonAsync(email, CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_MoreEntriesThanAPage_PagesThroughAllWithContinuations()
    {
        // Arrange: a table of its own, so that the count is this test's.
        var name = AzuriteFixture.UniqueName("supp");
        await tables.CreateTableIfNotExistsAsync(name);
        var emails = Enumerable.Range(0, 5).Select(i => $"p{i}.{Guid.NewGuid():N}@example.org").ToList();
        var list = new TableSuppressionList(new RenamedTables(tables, name), clock);
        foreach (var email in emails)
        {
            await list.SuppressAsync(email, "staff", "anne.admin", CancellationToken.None);
        }

        // Act
        var first = await list.ListAsync(2, null, CancellationToken.None);
        var all = await AllAsync(list, 2);

        // Assert
        Assert.Equal(2, first.Items.Count);
        Assert.NotNull(first.Continuation);
        Assert.Equal(emails.Select(EmailAddresses.Hash).Order(StringComparer.Ordinal), all.Select(e => e.EmailHash).Order(StringComparer.Ordinal));
    }

    private static async Task<List<Core.Suppressions.SuppressionEntry>> AllAsync(TableSuppressionList list, int pageSize = 1000)
    {
        var all = new List<Core.Suppressions.SuppressionEntry>();
        string? continuation = null;
        do
        {
            var page = await list.ListAsync(pageSize, continuation, CancellationToken.None);
            all.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return all;
    }

    // Hands the suppression list another table under the suppressions name, so one test owns all its rows.
    private sealed class RenamedTables(TableServiceClient tables, string name) : TableServiceClient
    {
        public override TableClient GetTableClient(string tableName) => tables.GetTableClient(name);
    }
}
