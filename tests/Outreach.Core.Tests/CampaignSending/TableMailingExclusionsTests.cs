using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Outreach.Core.Email;
using Outreach.Core.Privacy;
using Outreach.Core.Storage;
using Outreach.Core.Unsubscribe;
using Outreach.Testing.Azurite;
using static Outreach.Core.Tests.CampaignSending.CampaignSendingTestData;

namespace Outreach.Core.Tests.CampaignSending;

[Collection(AzuriteTests.Name)]
public sealed class TableMailingExclusionsTests
{
    private readonly AddressKeyedHash keyedHash = new(Options.Create(new PrivacyOptions { HashKey = "test-privacy-hash-key-0123456789abcdef" }));
    private readonly TableSuppressionList suppressions;
    private readonly TableOptOutRepository optOuts;
    private readonly TableMailingExclusions exclusions;

    public TableMailingExclusionsTests(AzuriteFixture azurite)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.SuppressionsTable);
        tables.CreateTableIfNotExists(StorageNames.OptOutsTable);
        var clock = Clock();
        suppressions = new TableSuppressionList(tables, clock, keyedHash);
        optOuts = new TableOptOutRepository(tables, clock);
        exclusions = new TableMailingExclusions(tables, keyedHash);
    }

    [Fact]
    public async Task LoadAsync_SuppressedErasedAndOptedOutAddresses_ExcludesEachFromTheCategoriesItLeft()
    {
        // Arrange
        var suppressed = Address("suppressed");
        var erased = Address("erased");
        var noCampaigns = Address("nocampaigns");
        var nothing = Address("nothing");
        var free = Address("free");
        await suppressions.SuppressAsync(suppressed, "bounce", "sendgrid", default);
        await suppressions.SuppressErasedAsync(erased, "anna", default);
        await optOuts.RecordAsync(EmailAddresses.Hash(noCampaigns), OptOutCategory.Campaigns, "storkobenhavn", default);
        await optOuts.RecordAsync(EmailAddresses.Hash(nothing), OptOutCategory.All, "storkobenhavn", default);

        // Act
        var forCampaigns = await exclusions.LoadAsync(OptOutCategory.Campaigns, default);
        var forNewsletter = await exclusions.LoadAsync(OptOutCategory.Newsletter, default);

        // Assert
        Assert.True(Excludes(forCampaigns, suppressed) && Excludes(forCampaigns, erased) && Excludes(forCampaigns, noCampaigns) && Excludes(forCampaigns, nothing));
        Assert.False(Excludes(forCampaigns, free));
        Assert.True(Excludes(forNewsletter, suppressed) && Excludes(forNewsletter, erased) && Excludes(forNewsletter, nothing));
        Assert.False(Excludes(forNewsletter, noCampaigns), "an opt-out of campaigns still gets the newsletter");
    }

    private static bool Excludes(Core.CampaignSending.MailingExclusionSet set, string email) => set.Excludes(EmailAddresses.Hash(email), email.ToUpperInvariant());

    private static string Address(string what) => $"{what}.{Guid.NewGuid():N}@institution.example";
}
