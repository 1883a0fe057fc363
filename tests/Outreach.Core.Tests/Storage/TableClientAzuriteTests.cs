using System.Globalization;
using Azure;
using Outreach.Core.Storage.Tables;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class TableClientAzuriteTests
{
    private readonly AzuriteFixture azurite;

    public TableClientAzuriteTests(AzuriteFixture azurite) => this.azurite = azurite;

    public enum Membership
    {
        Unknown,
        Member,
        NonMember,
    }

    [Fact]
    public async Task CreateIfNotExistsAsync_TableAlreadyExists_AnswersWithoutThrowing()
    {
        var table = await NewTableAsync();

        var again = await table.CreateIfNotExistsAsync();

        Assert.Equal(409, again.GetRawResponse().Status);
        Assert.Equal(table.Name, again.Value.Name);
    }

    [Fact]
    public async Task CreateAsync_TableAlreadyExists_Throws409TableAlreadyExists()
    {
        var table = await NewTableAsync();

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.CreateAsync());

        Assert.Equal(409, exception.Status);
        Assert.Equal("TableAlreadyExists", exception.ErrorCode);
    }

    [Fact]
    public async Task GetEntityAsync_TypedEntityWithEveryType_RoundTrips()
    {
        // Arrange
        var table = await NewTableAsync();
        var written = new SampleEntity
        {
            PartitionKey = "storkøbenhavn",
            RowKey = "Søren O'Hara ✉",
            Name = "Ærlige Åse Øvergård — 東京",
            Count = 42,
            Big = 9_007_199_254_740_993L,
            Ratio = 0.125,
            Active = true,
            HiredAt = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.FromHours(1)),
            Id = Guid.NewGuid(),
            Photo = [0, 1, 2, 254, 255],
            Membership = Membership.NonMember,
            Optional = null,
        };

        // Act
        await table.AddEntityAsync(written);
        var read = (await table.GetEntityAsync<SampleEntity>(written.PartitionKey, written.RowKey)).Value;

        // Assert
        Assert.Equal(written.Name, read.Name);
        Assert.Equal(written.Count, read.Count);
        Assert.Equal(written.Big, read.Big);
        Assert.Equal(written.Ratio, read.Ratio);
        Assert.True(read.Active);
        Assert.Equal(written.HiredAt, read.HiredAt);
        Assert.Equal(written.Id, read.Id);
        Assert.Equal(written.Photo, read.Photo);
        Assert.Equal(Membership.NonMember, read.Membership);
        Assert.Null(read.Optional);
        Assert.NotEqual(default, read.ETag);
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task GetEntityAsync_AsTableEntity_KeepsTypesFromAnnotations()
    {
        var table = await NewTableAsync();
        var when = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);
        await table.AddEntityAsync(new TableEntity("p", "r") { ["Big"] = 5_000_000_000L, ["At"] = when, ["Small"] = 3, ["Text"] = "æøå" });

        var entity = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;

        Assert.Equal(5_000_000_000L, entity.GetInt64("Big"));
        Assert.Equal(when, entity.GetDateTimeOffset("At"));
        Assert.Equal(3, entity.GetInt32("Small"));
        Assert.Equal("æøå", entity.GetString("Text"));
    }

    [Fact]
    public async Task AddEntityAsync_KeysExist_Throws409EntityAlreadyExists()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(409, exception.Status);
        Assert.Equal("EntityAlreadyExists", exception.ErrorCode);
    }

    [Fact]
    public async Task UpdateEntityAsync_StaleETag_Throws412AndKeepsTheNewerValue()
    {
        // Arrange
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "Discovered" });
        var first = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        var second = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        first["State"] = "Welcomed";
        await table.UpdateEntityAsync(first, first.ETag);

        // Act
        second["State"] = "Joined";
        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(second, second.ETag, TableUpdateMode.Replace));

        // Assert
        Assert.Equal(412, exception.Status);
        Assert.Equal("UpdateConditionNotSatisfied", exception.ErrorCode);
        Assert.Equal("Welcomed", (await table.GetEntityAsync<TableEntity>("p", "r")).Value.GetString("State"));
    }

    [Fact]
    public async Task UpdateEntityAsync_CurrentETag_SucceedsWithANewETag()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["State"] = "Discovered" });
        var entity = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        entity["State"] = "Welcomed";

        var response = await table.UpdateEntityAsync(entity, entity.ETag);

        Assert.Equal(204, response.Status);
        Assert.NotEqual(entity.ETag, response.Headers.ETag);
    }

    [Fact]
    public async Task UpdateEntityAsync_MissingEntity_Throws404()
    {
        var table = await NewTableAsync();

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.UpdateEntityAsync(new TableEntity("p", "none"), ETag.All));

        Assert.Equal(404, exception.Status);
    }

    [Fact]
    public async Task UpsertEntityAsync_MergeAndReplace_KeepOrDropOtherProperties()
    {
        var table = await NewTableAsync();
        await table.UpsertEntityAsync(new TableEntity("p", "merge") { ["A"] = "1", ["B"] = "2" });
        await table.UpsertEntityAsync(new TableEntity("p", "replace") { ["A"] = "1", ["B"] = "2" });

        await table.UpsertEntityAsync(new TableEntity("p", "merge") { ["A"] = "changed" }, TableUpdateMode.Merge);
        await table.UpsertEntityAsync(new TableEntity("p", "replace") { ["A"] = "changed" }, TableUpdateMode.Replace);

        var merged = (await table.GetEntityAsync<TableEntity>("p", "merge")).Value;
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "replace")).Value;
        Assert.Equal(("changed", "2"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Equal(("changed", (string?)null), (replaced.GetString("A"), replaced.GetString("B")));
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_Missing_HasNoValue()
    {
        var table = await NewTableAsync();

        var response = await table.GetEntityIfExistsAsync<TableEntity>("p", "missing");

        Assert.False(response.HasValue);
        Assert.Equal(404, response.GetRawResponse().Status);
    }

    [Fact]
    public async Task GetEntityAsync_Missing_Throws404ResourceNotFound()
    {
        var table = await NewTableAsync();

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.GetEntityAsync<TableEntity>("p", "missing"));

        Assert.Equal(404, exception.Status);
        Assert.Equal("ResourceNotFound", exception.ErrorCode);
    }

    [Fact]
    public async Task QueryAsync_MoreThan1000Entities_FollowsContinuationTokens()
    {
        // Arrange: 1,150 entities in two partitions, written 100 at a time.
        var table = await NewTableAsync();
        foreach (var partition in new[] { "nordjylland", "storkobenhavn" })
        {
            for (var start = 0; start < 575; start += 100)
            {
                var actions = Enumerable.Range(start, Math.Min(100, 575 - start))
                    .Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, i.ToString("D4", CultureInfo.InvariantCulture)) { ["N"] = i }));
                await table.SubmitTransactionAsync(actions);
            }
        }

        // Act
        var all = new List<TableEntity>();
        var pages = 0;
        await foreach (var page in table.QueryAsync<TableEntity>().AsPages())
        {
            pages++;
            all.AddRange(page.Values);
        }

        // Assert
        Assert.Equal(1150, all.Count);
        Assert.Equal(1150, all.Select(e => e.PartitionKey + "/" + e.RowKey).Distinct().Count());
        Assert.True(pages >= 2, "more than 1000 entities take more than one page");
    }

    [Fact]
    public async Task QueryAsync_FilterMaxPerPageAndSelect_ReturnsOnlyWhatWasAsked()
    {
        // Arrange
        var table = await NewTableAsync();
        for (var i = 0; i < 7; i++)
        {
            await table.AddEntityAsync(new TableEntity("storkobenhavn", "r" + i) { ["Municipality"] = i % 2 == 0 ? "Tårnby" : "København", ["Secret"] = "x" });
        }

        // Act
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"storkobenhavn"} and Municipality eq {"Tårnby"}");
        var pageSizes = new List<int>();
        var found = new List<TableEntity>();
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: 2, select: ["Municipality"]).AsPages())
        {
            pageSizes.Add(page.Values.Count);
            found.AddRange(page.Values);
        }

        // Assert
        Assert.Equal(4, found.Count);
        Assert.All(pageSizes, size => Assert.True(size <= 2));
        Assert.All(found, e => Assert.Null(e.GetString("Secret")));
        Assert.All(found, e => Assert.Equal("Tårnby", e.GetString("Municipality")));
    }

    [Fact]
    public async Task QueryAsync_KeysWithQuotesAndUnicode_AreFoundByFilter()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("d'Artagnan æ", "Ø 1 + 2 = 3 & 😀"));

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"d'Artagnan æ"}");
        var found = new List<TableEntity>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter))
        {
            found.Add(entity);
        }

        Assert.Equal("Ø 1 + 2 = 3 & 😀", Assert.Single(found).RowKey);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("d'Artagnan æ", "Ø 1 + 2 = 3 & 😀")).HasValue);
    }

    [Fact]
    public async Task DeleteEntityAsync_StaleETag_Throws412AndKeepsTheEntity()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });
        var stale = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 2 });

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r", stale.ETag));

        Assert.Equal(412, exception.Status);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task DeleteEntityAsync_Unconditional_RemovesItAndAMissingOneIsNotAnError()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));

        var deleted = await table.DeleteEntityAsync("p", "r");
        var again = await table.DeleteEntityAsync("p", "r");

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "r")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SecondActionFails_NothingIsAppliedAndTheIndexIsNamed()
    {
        // Arrange
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "exists") { ["V"] = "original" });
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "new")),
            new(TableTransactionActionType.Add, new TableEntity("p", "exists")),
            new(TableTransactionActionType.UpsertReplace, new TableEntity("p", "other")),
        ];

        // Act
        var exception = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));

        // Assert
        Assert.Equal(409, exception.Status);
        Assert.Equal("EntityAlreadyExists", exception.ErrorCode);
        Assert.Equal(1, exception.FailedTransactionActionIndex);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "new")).HasValue);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "other")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_EveryActionKind_AppliesAllAndAnswersEach()
    {
        // Arrange
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "merge") { ["A"] = "1", ["B"] = "1" });
        await table.AddEntityAsync(new TableEntity("p", "replace") { ["A"] = "1", ["B"] = "1" });
        await table.AddEntityAsync(new TableEntity("p", "delete"));
        var toMerge = (await table.GetEntityAsync<TableEntity>("p", "merge")).Value;
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "add")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "merge") { ["A"] = "2" }, toMerge.ETag),
            new(TableTransactionActionType.UpdateReplace, new TableEntity("p", "replace") { ["A"] = "2" }, ETag.All),
            new(TableTransactionActionType.Delete, new TableEntity("p", "delete")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "upsert") { ["A"] = "2" }),
        ];

        // Act
        var response = await table.SubmitTransactionAsync(actions);

        // Assert
        Assert.Equal(5, response.Value.Count);
        Assert.All(response.Value, part => Assert.InRange(part.Status, 200, 299));
        var merged = (await table.GetEntityAsync<TableEntity>("p", "merge")).Value;
        var replaced = (await table.GetEntityAsync<TableEntity>("p", "replace")).Value;
        Assert.Equal(("2", "1"), (merged.GetString("A"), merged.GetString("B")));
        Assert.Null(replaced.GetString("B"));
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>("p", "delete")).HasValue);
        Assert.True((await table.GetEntityIfExistsAsync<TableEntity>("p", "add")).HasValue);
    }

    [Fact]
    public async Task SubmitTransactionAsync_StaleETag_Throws412WithTheIndex()
    {
        var table = await NewTableAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"));
        var stale = (await table.GetEntityAsync<TableEntity>("p", "r")).Value;
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 });

        var exception = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(
            [new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "r") { ["V"] = 2 }, stale.ETag)]));

        Assert.Equal(412, exception.Status);
        Assert.Equal(0, exception.FailedTransactionActionIndex);
    }

    [Fact]
    public async Task AddEntityAsync_TableMissing_Throws404TableNotFound()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(AzuriteFixture.UniqueName("missing"));

        var exception = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r")));

        Assert.Equal(404, exception.Status);
        Assert.Equal("TableNotFound", exception.ErrorCode);
    }

    [Fact]
    public async Task QueryAsync_TablesOfTheService_ListsCreatedTableAndDeleteRemovesIt()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var name = AzuriteFixture.UniqueName("listed");
        await service.CreateTableIfNotExistsAsync(name);

        var listed = await ListTablesAsync(service, name);
        await service.DeleteTableAsync(name);
        var afterDelete = await ListTablesAsync(service, name);

        Assert.Equal([name], listed);
        Assert.Empty(afterDelete);
        Assert.Equal(404, (await service.DeleteTableAsync(name)).Status);
    }

    private static async Task<List<string>> ListTablesAsync(TableServiceClient service, string name)
    {
        var names = new List<string>();
        await foreach (var table in service.QueryAsync(TableClient.CreateQueryFilter($"TableName eq {name}")))
        {
            names.Add(table.Name);
        }

        return names;
    }

    private async Task<TableClient> NewTableAsync()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("t"));
        await table.CreateIfNotExistsAsync();
        return table;
    }

    public sealed class SampleEntity : ITableEntity
    {
        public string PartitionKey { get; set; } = "";

        public string RowKey { get; set; } = "";

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public string Name { get; set; } = "";

        public int Count { get; set; }

        public long Big { get; set; }

        public double Ratio { get; set; }

        public bool Active { get; set; }

        public DateTimeOffset HiredAt { get; set; }

        public Guid Id { get; set; }

        public byte[]? Photo { get; set; }

        public Membership Membership { get; set; }

        public string? Optional { get; set; }
    }
}
