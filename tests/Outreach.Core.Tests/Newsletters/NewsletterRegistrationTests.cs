using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Newsletters;
using Outreach.Core.RecipientLists;

namespace Outreach.Core.Tests.Newsletters;

public sealed class NewsletterRegistrationTests
{
    [Fact]
    public void AddOutreachNewslettersAndRecipientLists_WithTheOtherFeaturesPorts_ResolveEveryService()
    {
        // Arrange: the ports the campaign features register, as mocks; a table client that is never called.
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging()
            .AddSingleton(new TableServiceClient("UseDevelopmentStorage=true"))
            .AddSingleton(Mock.Of<ICampaignRepository>())
            .AddSingleton(Mock.Of<ICampaignRenderer>())
            .AddSingleton(Mock.Of<ICampaignWorkQueue>())
            .AddSingleton(Mock.Of<IDiscoveryCursorStore>())
            .AddSingleton<IDistrictCatalog>(new NewsletterTestData(("storkobenhavn", NewsletterTestData.FirstTuesdayAtNine)))
            .AddOutreachRecipientLists(configuration)
            .AddOutreachNewsletters(configuration);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // Act / Assert
        Assert.NotNull(provider.GetRequiredService<RecipientListService>());
        Assert.NotNull(provider.GetRequiredService<NewsletterService>());
        Assert.NotNull(provider.GetRequiredService<NewsletterScheduler>());
    }
}
