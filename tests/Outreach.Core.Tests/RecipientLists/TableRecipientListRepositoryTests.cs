using System.Globalization;
using Azure.Data.Tables;
using Outreach.Core.Email;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.RecipientLists;

[Collection(AzuriteTests.Name)]
public sealed class TableRecipientListRepositoryTests
{
    private readonly TableClient table;
    private readonly TableRecipientListRepository repository;

    public TableRecipientListRepositoryTests(AzuriteFixture azurite)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.RecipientListsTable);
        table = tables.GetTableClient(StorageNames.RecipientListsTable);
        repository = new TableRecipientListRepository(tables);
    }

    private static string NewId() => "l-" + Guid.NewGuid().ToString("N")[..16];

    private static List<RecipientListEntry> Entries(int count) =>
        [.. Enumerable.Range(0, count).Select(i =>
        {
            var email = string.Create(CultureInfo.InvariantCulture, $"person{i}@kandidat.example");
            return new RecipientListEntry(EmailAddresses.Hash(email), email, $"Person {i}", i % 2 == 0 ? "Aarhus" : null, "Kandidat", i + 2);
        })];

    [Fact]
    public async Task AddAsync_250Rows_StoresEveryRowInKeyOrderAndTheList()
    {
        // Arrange
        var list = new RecipientList(NewId(), "Kandidater", 250, "anna", new DateTimeOffset(2027, 1, 10, 9, 0, 0, TimeSpan.Zero));
        var entries = Entries(250);

        // Act
        await repository.AddAsync(list, entries, CancellationToken.None);

        // Assert
        Assert.Equal(list, await repository.GetAsync(list.Id, CancellationToken.None));
        var read = new List<RecipientListEntry>();
        await foreach (var entry in repository.ReadEntriesAsync(list.Id, CancellationToken.None))
        {
            read.Add(entry);
        }

        Assert.Equal(entries.OrderBy(e => e.Key, StringComparer.Ordinal), read);
    }

    [Fact]
    public async Task FindEntryAsync_KnownAndUnknownKeys_FindsOnlyTheEntry()
    {
        // Arrange
        var list = new RecipientList(NewId(), "Borgmestre", 2, "anna", DateTimeOffset.UtcNow);
        var entries = Entries(2);
        await repository.AddAsync(list, entries, CancellationToken.None);

        // Act
        var found = await repository.FindEntryAsync(list.Id, entries[1].Key, CancellationToken.None);
        var missing = await repository.FindEntryAsync(list.Id, EmailAddresses.Hash("nobody@kandidat.example"), CancellationToken.None);
        var header = await repository.FindEntryAsync(list.Id, RecipientListTableEntity.HeaderRowKey, CancellationToken.None);

        // Assert
        Assert.Equal(entries[1], found);
        Assert.Null(missing);
        Assert.Null(header);
    }

    [Fact]
    public async Task ListAsync_SeveralLists_NewestFirstAndRowsOfHalfWrittenListsNeverListed()
    {
        // Arrange: two whole lists, and rows of a third whose list row was never written (an upload that failed halfway).
        var older = new RecipientList(NewId(), "Ældre", 1, "anna", new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var newer = new RecipientList(NewId(), "Nyere", 1, "bo", new DateTimeOffset(2099, 1, 2, 0, 0, 0, TimeSpan.Zero));
        await repository.AddAsync(older, Entries(1), CancellationToken.None);
        await repository.AddAsync(newer, Entries(1), CancellationToken.None);
        var halfWritten = NewId();
        await table.AddEntityAsync(RecipientListTableEntity.ForEntry(halfWritten, Entries(1)[0]));

        // Act
        var listed = await repository.ListAsync(CancellationToken.None);

        // Assert
        var ours = listed.Where(l => l.Id == older.Id || l.Id == newer.Id || l.Id == halfWritten).ToList();
        Assert.Equal([newer, older], ours);
        Assert.Null(await repository.GetAsync(halfWritten, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_ListWith150Rows_RemovesEveryRowAndAnswersFalseTheSecondTime()
    {
        // Arrange
        var list = new RecipientList(NewId(), "Slet mig", 150, "anna", DateTimeOffset.UtcNow);
        await repository.AddAsync(list, Entries(150), CancellationToken.None);

        // Act
        var first = await repository.DeleteAsync(list.Id, CancellationToken.None);
        var second = await repository.DeleteAsync(list.Id, CancellationToken.None);

        // Assert
        Assert.True(first);
        Assert.False(second);
        Assert.Null(await repository.GetAsync(list.Id, CancellationToken.None));
        var left = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {list.Id}")))
        {
            left++;
        }

        Assert.Equal(0, left);
    }
}
