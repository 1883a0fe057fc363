using Azure.Data.Tables;
using Outreach.Core.Discovery;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Discovery;

[Collection(AzuriteTests.Name)]
public sealed class TableDiscoveryCursorStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SetAsync_ThenGetAsync_ReturnsTheCursorStoredAsSourceAndName()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableIfNotExistsAsync(TableDiscoveryCursorStore.TableName);
        var store = new TableDiscoveryCursorStore(tables);
        var key = AzuriteFixture.UniqueName("graph") + ":usersdelta";
        const string link = "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=oEcOySpF_hWYmTIUZBOIfPzcwisr_rPe8o9M54L45qEXQGmvQC6T2dbL-9O7nSU-njKhFiGlAZqewNAThmCVnNxqPu5gOBegrm1CaVZ-ZtFZ2tPOAO98OD9y0ao460";

        await store.SetAsync(key, "first");
        await store.SetAsync(key, link);

        Assert.Equal(link, await store.GetAsync(key));
        var partition = key[..key.IndexOf(':', StringComparison.Ordinal)];
        var entity = await tables.GetTableClient(TableDiscoveryCursorStore.TableName).GetEntityAsync<TableEntity>(partition, "usersdelta");
        Assert.Equal(link, entity.Value.GetString("Value"));
    }

    [Fact]
    public async Task SetAsync_Null_RemovesTheCursorAndToleratesAMissingOne()
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        await tables.CreateTableIfNotExistsAsync(TableDiscoveryCursorStore.TableName);
        var store = new TableDiscoveryCursorStore(tables);
        var key = AzuriteFixture.UniqueName("graph") + ":usersdelta";
        await store.SetAsync(key, "link");

        await store.SetAsync(key, null);
        await store.SetAsync(key, null);

        Assert.Null(await store.GetAsync(key));
        Assert.Null(await store.GetAsync(AzuriteFixture.UniqueName("never") + ":set"));
    }
}
