using System.Text.Json;
using Azure;
using Outreach.Core.Storage;
using Outreach.Core.Storage.Tables;

namespace Outreach.Core.Tests.Storage;

public sealed class TableRulesTests
{
    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u007Fb")]
    public async Task AddEntityAsync_ForbiddenKeyCharacter_IsRefusedBeforeSending(string rowKey)
    {
        var client = new TableClient("UseDevelopmentStorage=true", "nothingsent");

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.AddEntityAsync(new TableEntity("p", rowKey)));

        Assert.Contains("does not allow", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddEntityAsync_KeyLongerThan512Characters_IsRefused()
    {
        var client = new TableClient("UseDevelopmentStorage=true", "nothingsent");

        await Assert.ThrowsAsync<ArgumentException>(() => client.AddEntityAsync(new TableEntity(new string('k', 513), "r")));
    }

    [Fact]
    public async Task AddEntityAsync_EntityOverOneMebibyte_IsRefusedAlthoughAzuriteWouldAcceptIt()
    {
        var client = new TableClient("UseDevelopmentStorage=true", "nothingsent");
        var entity = new TableEntity("p", "r");
        for (var i = 0; i < 20; i++)
        {
            entity["Part" + i] = new string('x', 30_000);
        }

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.AddEntityAsync(entity));

        Assert.Contains("at most 1048576 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransactionAsync_TwoPartitions_IsRefusedAlthoughAzuriteWouldAcceptIt()
    {
        var client = new TableClient("UseDevelopmentStorage=true", "nothingsent");
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("storkobenhavn", "1")),
            new(TableTransactionActionType.Add, new TableEntity("nordjylland", "2")),
        ];

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(actions));

        Assert.Contains("one PartitionKey", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransactionAsync_101Actions_IsRefused()
    {
        var client = new TableClient("UseDevelopmentStorage=true", "nothingsent");
        var actions = Enumerable.Range(0, 101).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(actions));

        Assert.Contains("at most 100", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitTransactionAsync_SameEntityTwice_IsRefused()
    {
        var client = new TableClient("UseDevelopmentStorage=true", "nothingsent");
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.Add, new TableEntity("p", "same")),
            new(TableTransactionActionType.UpsertMerge, new TableEntity("p", "same")),
        ];

        await Assert.ThrowsAsync<ArgumentException>(() => client.SubmitTransactionAsync(actions));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1leaders")]
    [InlineData("leader-events")]
    [InlineData("tables")]
    public void GetTableClient_InvalidTableName_IsRefused(string name)
    {
        var service = new TableServiceClient("UseDevelopmentStorage=true");

        Assert.Throws<ArgumentException>(() => service.GetTableClient(name));
    }

    [Fact]
    public void CreateQueryFilter_ValuesOfEveryKind_AreFormattedAsODataLiterals()
    {
        var when = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.FromHours(1));
        var id = Guid.Parse("6f9619ff-8b86-d011-b42d-00cf4fc964ff");

        var filter = TableClient.CreateQueryFilter($"Name eq {"O'Brien"} and Count ge {5000000000L} and At lt {when} and Id eq {id} and Ok eq {true}");

        Assert.Equal(
            "Name eq 'O''Brien' and Count ge 5000000000L and At lt datetime'2026-12-03T05:00:00.0000000Z' and Id eq guid'6f9619ff-8b86-d011-b42d-00cf4fc964ff' and Ok eq true",
            filter);
    }

    [Fact]
    public void Serialize_LongDateGuidBinary_CarryTypeAnnotations()
    {
        var entity = new TableEntity("p", "r")
        {
            ["Big"] = 9007199254740993L,
            ["At"] = new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero),
            ["Id"] = Guid.Empty,
            ["Raw"] = new byte[] { 1, 2, 3 },
            ["Small"] = 7,
        };

        using var document = JsonDocument.Parse(TableEntitySerializer.Serialize(entity));
        var root = document.RootElement;

        Assert.Equal("9007199254740993", root.GetProperty("Big").GetString());
        Assert.Equal("Edm.Int64", root.GetProperty("Big@odata.type").GetString());
        Assert.Equal("2026-12-03T06:00:00.0000000Z", root.GetProperty("At").GetString());
        Assert.Equal("Edm.DateTime", root.GetProperty("At@odata.type").GetString());
        Assert.Equal("Edm.Guid", root.GetProperty("Id@odata.type").GetString());
        Assert.Equal("AQID", root.GetProperty("Raw").GetString());
        Assert.Equal(7, root.GetProperty("Small").GetInt32());
        Assert.False(root.TryGetProperty("Small@odata.type", out _));
    }

    [Theory]
    [InlineData("""{"odata.error":{"code":"EntityAlreadyExists","message":{"lang":"en-US","value":"The specified entity already exists."}}}""", "EntityAlreadyExists", "The specified entity already exists.")]
    [InlineData("""<?xml version="1.0" encoding="utf-8"?><Error><Code>PopReceiptMismatch</Code><Message>The specified message does not exist.</Message></Error>""", "PopReceiptMismatch", "The specified message does not exist.")]
    [InlineData("<html>proxy error</html>", null, null)]
    public void Parse_StorageErrorBodies_YieldCodeAndMessage(string body, string? code, string? message)
    {
        var parsed = StorageRequestFailedDetailsParser.Parse(body);

        Assert.Equal((code, message), parsed);
    }

    [Fact]
    public void TableEntity_DictionaryView_IncludesKeysAndETag()
    {
        var entity = new TableEntity("p", "r") { ETag = new ETag("W/\"1\""), ["Name"] = "Åse" };

        Assert.Equal(4, entity.Count);
        Assert.Equal("p", entity["PartitionKey"]);
        Assert.Equal("Åse", entity.GetString("Name"));
        Assert.Null(entity.GetString("Missing"));
        Assert.Throws<InvalidOperationException>(() => entity.GetInt32("Name"));
    }
}
