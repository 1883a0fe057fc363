using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach.Core.Storage;

namespace Outreach.Core.Tests.Storage;

public sealed class StorageRegistrationTests
{
    [Fact]
    public void AddOutreachStorage_IdentityBasedEndpoints_RegistersClientsForThoseEndpointsAndTheInitializer()
    {
        // Arrange
        using var services = Build(new()
        {
            ["AzureWebJobsStorage:tableServiceUri"] = "https://outreachstore.table.core.windows.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://outreachstore.queue.core.windows.net/",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000003",
        });

        // Act
        var tables = services.GetRequiredService<TableServiceClient>();
        var queues = services.GetRequiredService<QueueServiceClient>();

        // Assert
        Assert.Equal("outreachstore.table.core.windows.net", tables.Uri.Host);
        Assert.Equal("outreachstore.queue.core.windows.net", queues.Uri.Host);
        Assert.Contains(services.GetServices<IHostedService>(), hosted => hosted is StorageInitializer);
    }

    [Fact]
    public void AddOutreachStorage_NothingConfigured_FailsAtRegistrationNamingTheSettings()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Build([]).GetRequiredService<TableServiceClient>());

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", refused.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddOutreachStorage(configuration).BuildServiceProvider();
    }
}
