using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Campaigns;

public sealed class CampaignsRegistrationTests
{
    [Fact]
    public void AddOutreachCampaigns_WithTheOtherFeaturesPorts_ResolvesTheServiceOnTheCampaignsTable()
    {
        // Arrange: the ports other features register, as stand-ins.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .Build();
        using var services = new ServiceCollection()
            .AddLogging()
            .AddOutreachStorage(configuration)
            .AddSingleton(Mock.Of<ICampaignBatchStore>())
            .AddSingleton(Mock.Of<ICampaignWorkQueue>())
            .AddSingleton(Mock.Of<IRecipientListRepository>())
            .AddSingleton(Mock.Of<ILeaderRepository>())
            .AddSingleton<IDistrictCatalog>(CampaignTestData.Districts())
            .AddSingleton(Mock.Of<ICampaignRenderer>())
            .AddSingleton(Mock.Of<IUnsubscribeTokens>())
            .AddSingleton(Mock.Of<IMailSender>())
            .AddOutreachCampaigns(configuration)
            .BuildServiceProvider();

        // Act
        var service = services.GetRequiredService<CampaignService>();
        var repository = services.GetRequiredService<ICampaignRepository>();

        // Assert
        Assert.Same(service, services.GetRequiredService<CampaignService>());
        Assert.IsType<TableCampaignRepository>(repository);
    }
}
