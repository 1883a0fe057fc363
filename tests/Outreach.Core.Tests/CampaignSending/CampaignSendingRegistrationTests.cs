using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.Privacy;
using Outreach.Core.RecipientLists;
using Outreach.Core.Storage;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.CampaignSending;

public sealed class CampaignSendingRegistrationTests
{
    [Fact]
    public void AddOutreachCampaignSending_WithTheOtherFeaturesPorts_ResolvesThePlannerSenderSchedulerAndTheTableAdapters()
    {
        // Arrange: storage and leaders as the app registers them; the ports other features register, as stand-ins.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOutreachStorage(configuration)
            .AddOutreachLeaders()
            .AddSingleton(Mock.Of<ICampaignRepository>())
            .AddSingleton(Mock.Of<IRecipientListRepository>())
            .AddSingleton(Mock.Of<ICampaignRenderer>())
            .AddSingleton(Mock.Of<IBatchMailSender>())
            .AddSingleton(Mock.Of<IUnsubscribeTokens>())
            .AddSingleton<IDistrictCatalog>(new LeaderFlowHarness.FixedDistricts([]))
            .AddSingleton(new AddressKeyedHash(Options.Create(new PrivacyOptions { HashKey = "test-privacy-hash-key-0123456789abcdef" })));

        // Act
        using var provider = services.AddOutreachCampaignSending(configuration).BuildServiceProvider();

        // Assert
        Assert.NotNull(provider.GetRequiredService<CampaignPlanner>());
        Assert.NotNull(provider.GetRequiredService<CampaignBatchSender>());
        Assert.NotNull(provider.GetRequiredService<ScheduledCampaigns>());
        Assert.IsType<TableCampaignBatchStore>(provider.GetRequiredService<ICampaignBatchStore>());
        Assert.IsType<QueueCampaignWorkQueue>(provider.GetRequiredService<ICampaignWorkQueue>());
        Assert.IsType<TableMailingExclusions>(provider.GetRequiredService<IMailingExclusions>());
        Assert.IsType<TableLeaderRepository>(provider.GetRequiredService<ILeaderRepository>());
    }
}
