using Azure.Data.Tables;
using Outreach.Core.Letters;
using Outreach.Core.Storage;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Storage;

[Collection(AzuriteTests.Name)]
public sealed class UnknownOutcomeQueryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private readonly TableDeliveryRepository repository;

    public UnknownOutcomeQueryTests(AzuriteFixture azurite)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.DeliveriesTable);
        repository = new TableDeliveryRepository(tables);
    }

    [Fact]
    public async Task ListOutcomeUnknownAsync_OneDistrict_FindsItsUnknownOutcomesAcrossLeadersAndNothingElse()
    {
        // Arrange: two unknown outcomes and a sent letter in the district, one unknown outcome in another.
        var district = AzuriteFixture.UniqueName("d");
        var other = AzuriteFixture.UniqueName("d");
        var first = await StoreAsync(district, "welcome", DeliveryStatus.OutcomeUnknown);
        var second = await StoreAsync(district, "followup1", DeliveryStatus.OutcomeUnknown);
        await StoreAsync(district, "welcome", DeliveryStatus.Sent);
        await StoreAsync(other, "welcome", DeliveryStatus.OutcomeUnknown);

        // Act
        var found = await repository.ListOutcomeUnknownAsync(district, 1000, CancellationToken.None);

        // Assert
        Assert.Equal(new[] { first.DeliveryKey, second.DeliveryKey }.Order(StringComparer.Ordinal), found.Select(d => d.DeliveryKey).Order(StringComparer.Ordinal));
        Assert.All(found, d => Assert.Equal((district, DeliveryStatus.OutcomeUnknown), (d.District, d.Status)));
        Assert.All(found, d => Assert.NotNull(d.Version));
    }

    [Fact]
    public async Task ListOutcomeUnknownAsync_AllDistricts_FindsEveryDistrictsUnknownOutcomesButNoSentLetter()
    {
        // Arrange
        var unknownHere = await StoreAsync(AzuriteFixture.UniqueName("d"), "welcome", DeliveryStatus.OutcomeUnknown);
        var unknownThere = await StoreAsync(AzuriteFixture.UniqueName("d"), "followup2", DeliveryStatus.OutcomeUnknown);
        var sent = await StoreAsync(AzuriteFixture.UniqueName("d"), "welcome", DeliveryStatus.Sent);

        // Act
        var keys = (await repository.ListOutcomeUnknownAsync(null, 100_000, CancellationToken.None)).Select(d => d.DeliveryKey).ToList();

        // Assert
        Assert.Contains(unknownHere.DeliveryKey, keys);
        Assert.Contains(unknownThere.DeliveryKey, keys);
        Assert.DoesNotContain(sent.DeliveryKey, keys);
    }

    [Fact]
    public async Task ListOutcomeUnknownAsync_DistrictThatLooksLikeAFilter_IsQuotedAndFindsNothing()
    {
        // Arrange
        await StoreAsync(AzuriteFixture.UniqueName("d"), "welcome", DeliveryStatus.OutcomeUnknown);

        // Act
        var found = await repository.ListOutcomeUnknownAsync("x' or District ne '", 1000, CancellationToken.None);

        // Assert
        Assert.Empty(found);
    }

    private async Task<Delivery> StoreAsync(string district, string kind, DeliveryStatus status)
    {
        var delivery = new Delivery { LeaderId = AzuriteFixture.UniqueName("l"), Kind = kind, District = district, Status = status, ClaimedAt = Now };
        await repository.SaveAsync(delivery, CancellationToken.None);
        return delivery;
    }
}
