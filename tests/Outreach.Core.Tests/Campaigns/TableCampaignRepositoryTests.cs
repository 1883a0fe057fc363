using Azure.Data.Tables;
using Outreach.Core.Campaigns;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Storage;
using Outreach.Core.Unsubscribe;
using Outreach.Testing.Azurite;

namespace Outreach.Core.Tests.Campaigns;

[Collection(AzuriteTests.Name)]
public sealed class TableCampaignRepositoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 6, 0, 0, TimeSpan.Zero);

    private readonly TableServiceClient tables;
    private readonly TableCampaignRepository repository;

    public TableCampaignRepositoryTests(AzuriteFixture azurite)
    {
        tables = new TableServiceClient(azurite.ConnectionString);
        tables.CreateTableIfNotExists(StorageNames.CampaignsTable);
        repository = new TableCampaignRepository(tables);
    }

    [Fact]
    public async Task AddAsync_EveryFieldSet_ReadsBackTheSame()
    {
        // Arrange
        var campaign = Full();

        // Act
        await repository.AddAsync(campaign, CancellationToken.None);
        var stored = await repository.GetAsync(campaign.Id, CancellationToken.None);

        // Assert
        Assert.NotNull(stored);
        Assert.Equal(
            (campaign.Id, campaign.Kind, campaign.District, campaign.Name, campaign.Month, campaign.Category, campaign.Status, campaign.CreatedBy, campaign.CreatedAt),
            (stored.Id, stored.Kind, stored.District, stored.Name, stored.Month, stored.Category, stored.Status, stored.CreatedBy, stored.CreatedAt));
        Assert.Equal(
            (campaign.ApprovedBy, campaign.ApprovedAt, campaign.ScheduledAt, campaign.SentBy, campaign.SendingStartedAt, campaign.CompletedAt, campaign.CancelledBy, campaign.CancelledAt),
            (stored.ApprovedBy, stored.ApprovedAt, stored.ScheduledAt, stored.SentBy, stored.SendingStartedAt, stored.CompletedAt, stored.CancelledBy, stored.CancelledAt));
        Assert.Equal((campaign.PlanningCounts, campaign.BatchCount), (stored.PlanningCounts, stored.BatchCount));
        Assert.Equal(campaign.EditedBy, stored.EditedBy);
        Assert.Equal(campaign.History, stored.History);
        AssertSameContent(campaign.Content, stored.Content);
        Assert.Equal(campaign.Audience.ListIds, stored.Audience.ListIds);
        var segment = stored.Audience.Segment!;
        Assert.Equal(campaign.Audience.Segment!.Municipalities!, segment.Municipalities!);
        Assert.Equal(campaign.Audience.Segment.Membership!, segment.Membership!);
        Assert.Equal(campaign.Audience.Segment.States!, segment.States!);
        Assert.Equal((campaign.Audience.Segment.HiredFrom, campaign.Audience.Segment.HiredTo), (segment.HiredFrom, segment.HiredTo));
        Assert.Equal(campaign.Version, stored.Version);
        Assert.NotNull(stored.Version);
    }

    [Fact]
    public async Task AddAsync_NothingOptionalSet_ReadsBackNullsAndEmptyLists()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(id: NewId());
        campaign.Audience = new CampaignAudience { ListIds = ["l-1"] };

        // Act
        await repository.AddAsync(campaign, CancellationToken.None);
        var stored = (await repository.GetAsync(campaign.Id, CancellationToken.None))!;

        // Assert
        Assert.Equal(((string?)null, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null, (LeaderSegment?)null), (stored.Month, stored.ApprovedBy, stored.ApprovedAt, stored.ScheduledAt, stored.Audience.Segment));
        Assert.Empty(stored.History);
        Assert.Empty(stored.EditedBy);
        Assert.Empty(stored.Content.Sections);
        Assert.Equal(CampaignCounts.None, stored.PlanningCounts);
    }

    [Fact]
    public async Task AddAsync_BodyLongerThanAStringPropertyHolds_SplitsItIntoWholeCharactersAndReadsItBackWhole()
    {
        // Arrange: quotes and line breaks grow in JSON, Danish letters must not; emoji (surrogate pairs) are written
        // escaped, so no part may end in half of one.
        var campaign = CampaignTestData.Campaign(id: NewId());
        var body = string.Concat(Enumerable.Repeat("Kære leder \"æøå\"\n", 100)) + string.Concat(Enumerable.Repeat("😀", 20_000));
        campaign.Content = campaign.Content with { Markdown = body };

        // Act
        await repository.AddAsync(campaign, CancellationToken.None);
        var stored = (await repository.GetAsync(campaign.Id, CancellationToken.None))!;

        // Assert
        Assert.Equal(body, stored.Content.Markdown);
        var raw = (await tables.GetTableClient(StorageNames.CampaignsTable).GetEntityAsync<TableEntity>(CampaignTableEntity.Partition, campaign.Id)).Value;
        var parts = new List<string?> { raw.GetString("Content"), raw.GetString("Content1") };
        Assert.All(parts, part => Assert.False(part is null || char.IsLowSurrogate(part[0]) || char.IsHighSurrogate(part[^1])));
        Assert.Contains("æøå", parts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAsync_CampaignOverTheEntityLimit_ThrowsOnTheBodyAndWritesNothing()
    {
        // Arrange: 600,000 characters are 1.2 MB as a table string.
        var campaign = CampaignTestData.Campaign(id: NewId());
        campaign.Content = campaign.Content with { Markdown = new string('x', 600_000) };

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => repository.AddAsync(campaign, CancellationToken.None));

        // Assert
        Assert.Equal("markdown", refused.Field);
        Assert.Null(await repository.GetAsync(campaign.Id, CancellationToken.None));
    }

    [Fact]
    public async Task AddAsync_IdExists_ThrowsExistsAndKeepsTheFirst()
    {
        // Arrange
        var first = CampaignTestData.Campaign(id: NewId());
        await repository.AddAsync(first, CancellationToken.None);
        var second = CampaignTestData.Campaign(id: first.Id);
        second.Name = "Den anden";

        // Act
        var refused = await Assert.ThrowsAsync<CampaignRuleException>(() => repository.AddAsync(second, CancellationToken.None));

        // Assert
        Assert.Equal("exists", refused.Rule);
        Assert.Equal(first.Name, (await repository.GetAsync(first.Id, CancellationToken.None))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_StaleCopy_ThrowsConcurrencyConflictAndKeepsTheOtherChange()
    {
        // Arrange: two staff members read the same draft; the first approves it.
        var campaign = CampaignTestData.Campaign(id: NewId(), createdBy: "anna");
        await repository.AddAsync(campaign, CancellationToken.None);
        var first = (await repository.GetAsync(campaign.Id, CancellationToken.None))!;
        var second = (await repository.GetAsync(campaign.Id, CancellationToken.None))!;
        first.Approve("bo", Now);
        await repository.UpdateAsync(first, CancellationToken.None);

        // Act
        second.Cancel("carl", Now);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => repository.UpdateAsync(second, CancellationToken.None));

        // Assert
        var stored = (await repository.GetAsync(campaign.Id, CancellationToken.None))!;
        Assert.Equal((CampaignStatus.Approved, "bo", (string?)null), (stored.Status, stored.ApprovedBy, stored.CancelledBy));
    }

    [Fact]
    public async Task UpdateAsync_SameCopyTwice_WritesWithTheVersionTheFirstUpdateReturned()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(id: NewId(), createdBy: "anna");
        await repository.AddAsync(campaign, CancellationToken.None);
        campaign.Approve("bo", Now);
        await repository.UpdateAsync(campaign, CancellationToken.None);

        // Act
        campaign.RequestSend("anna", Now, Now.AddDays(1));
        await repository.UpdateAsync(campaign, CancellationToken.None);

        // Assert
        var stored = (await repository.GetAsync(campaign.Id, CancellationToken.None))!;
        Assert.Equal((CampaignStatus.Scheduled, (DateTimeOffset?)Now.AddDays(1)), (stored.Status, stored.ScheduledAt));
        Assert.Equal(["approved", "scheduled"], stored.History.Select(e => e.Action));
    }

    [Fact]
    public async Task UpdateAsync_ShorterBodyAfterALongOne_LeavesNoOldPartsBehind()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(id: NewId());
        campaign.Content = campaign.Content with { Markdown = new string('a', 80_000) };
        await repository.AddAsync(campaign, CancellationToken.None);

        // Act
        campaign.Content = campaign.Content with { Markdown = "kort" };
        await repository.UpdateAsync(campaign, CancellationToken.None);

        // Assert
        Assert.Equal("kort", (await repository.GetAsync(campaign.Id, CancellationToken.None))!.Content.Markdown);
    }

    [Fact]
    public async Task ListAsync_DistrictAndKind_ListsOnlyThoseNewestFirst()
    {
        // Arrange: a district of this test alone.
        var district = "d" + Guid.NewGuid().ToString("N")[..10];
        var older = InDistrict(district, CampaignKind.Campaign, Now.AddDays(-2));
        var newer = InDistrict(district, CampaignKind.Campaign, Now.AddDays(-1));
        var newsletter = InDistrict(district, CampaignKind.Newsletter, Now);
        var elsewhere = InDistrict("d" + Guid.NewGuid().ToString("N")[..10], CampaignKind.Campaign, Now);
        foreach (var campaign in new[] { older, newsletter, elsewhere, newer })
        {
            await repository.AddAsync(campaign, CancellationToken.None);
        }

        // Act
        var all = await repository.ListAsync(district, null, CancellationToken.None);
        var campaigns = await repository.ListAsync(district, CampaignKind.Campaign, CancellationToken.None);
        var everywhere = await repository.ListAsync(null, null, CancellationToken.None);

        // Assert
        Assert.Equal([newsletter.Id, newer.Id, older.Id], all.Select(c => c.Id));
        Assert.Equal([newer.Id, older.Id], campaigns.Select(c => c.Id));
        Assert.Contains(everywhere, c => c.Id == elsewhere.Id);
        Assert.Contains(everywhere, c => c.Id == older.Id);
    }

    [Fact]
    public async Task ListByStatusAsync_Scheduled_ListsTheScheduledOnes()
    {
        // Arrange
        var scheduled = CampaignTestData.Campaign(CampaignStatus.Approved, id: NewId());
        scheduled.RequestSend("anna", Now, Now.AddHours(2));
        var draft = CampaignTestData.Campaign(id: NewId());
        await repository.AddAsync(scheduled, CancellationToken.None);
        await repository.AddAsync(draft, CancellationToken.None);

        // Act
        var listed = await repository.ListByStatusAsync(CampaignStatus.Scheduled, CancellationToken.None);

        // Assert: other tests share the table, so only this test's campaigns are looked at.
        Assert.Contains(listed, c => c.Id == scheduled.Id && c.ScheduledAt == Now.AddHours(2));
        Assert.DoesNotContain(listed, c => c.Id == draft.Id);
        Assert.All(listed, c => Assert.Equal(CampaignStatus.Scheduled, c.Status));
    }

    [Fact]
    public async Task DeleteAsync_Draft_DeletesItOnceThenAnswersFalse()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(id: NewId());
        await repository.AddAsync(campaign, CancellationToken.None);

        // Act
        var first = await repository.DeleteAsync(campaign.Id, CancellationToken.None);
        var second = await repository.DeleteAsync(campaign.Id, CancellationToken.None);

        // Assert
        Assert.Equal((true, false), (first, second));
        Assert.Null(await repository.GetAsync(campaign.Id, CancellationToken.None));
    }

    [Theory]
    [InlineData("c-a/b")]
    [InlineData("c-a#b")]
    [InlineData("")]
    public async Task GetAsync_IdAzureWouldRefuseAsAKey_ReturnsNull(string id)
    {
        // Act / Assert
        Assert.Null(await repository.GetAsync(id, CancellationToken.None));
    }

    private static void AssertSameContent(CampaignContent expected, CampaignContent actual)
    {
        Assert.Equal(
            (expected.Subject, expected.Markdown, expected.Template, expected.Title, expected.Intro, expected.SignedByChair),
            (actual.Subject, actual.Markdown, actual.Template, actual.Title, actual.Intro, actual.SignedByChair));
        Assert.Equal(expected.Sections, actual.Sections);
    }

    private static string NewId() => "c-" + Guid.NewGuid().ToString("N")[..12];

    private static Campaign InDistrict(string district, CampaignKind kind, DateTimeOffset createdAt) => new()
    {
        Id = NewId(),
        Kind = kind,
        District = district,
        Name = "Kampagne",
        Category = kind == CampaignKind.Newsletter ? OptOutCategory.Newsletter : OptOutCategory.Campaigns,
        Content = new CampaignContent { Subject = "Emne", Markdown = "Tekst" },
        Audience = new CampaignAudience { Segment = new LeaderSegment() },
        CreatedBy = "anna",
        CreatedAt = createdAt,
    };

    private static Campaign Full()
    {
        var campaign = new Campaign
        {
            Id = "newsletter-storkobenhavn-" + Guid.NewGuid().ToString("N")[..8],
            Kind = CampaignKind.Newsletter,
            District = "storkobenhavn",
            Name = "Nyhedsbrev januar – “Årsmøde” & <mere>",
            Month = "2027-01",
            Category = OptOutCategory.Newsletter,
            Content = new CampaignContent
            {
                Subject = "Nyhedsbrev januar",
                Title = "Nyt fra ledersektionen",
                Intro = "Godt nytår, kære ledere.\n\nHer er månedens nyt.",
                Sections =
                [
                    new ContentSection("Årsmøde", "Kom til **årsmødet** den 4. marts.", SectionAudience.All),
                    new ContentSection("For medlemmer", "Husk kurset.", SectionAudience.Members),
                    new ContentSection("Bliv medlem", "[Meld dig ind](https://sl.example/bliv-medlem)", SectionAudience.NonMembers),
                ],
                SignedByChair = true,
            },
            Audience = new CampaignAudience
            {
                Segment = new LeaderSegment
                {
                    Municipalities = ["Tårnby", "København"],
                    Membership = [MembershipStatus.NonMember, MembershipStatus.Unknown],
                    States = [LeaderState.Welcomed, LeaderState.FollowedUp],
                    HiredFrom = new DateOnly(2026, 1, 1),
                    HiredTo = new DateOnly(2026, 12, 31),
                },
                ListIds = ["l-kandidater", "l-borgmestre"],
            },
            Status = CampaignStatus.Sending,
            CreatedBy = "anna",
            CreatedAt = Now.AddDays(-5),
            EditedBy = ["bo", "dorte"],
            ApprovedBy = "carl",
            ApprovedAt = Now.AddDays(-2),
            ScheduledAt = Now.AddDays(-1),
            SentBy = "anna",
            SendingStartedAt = Now.AddDays(-1).AddMinutes(1),
            CompletedAt = Now.AddHours(-3),
            CancelledBy = "erik",
            CancelledAt = Now.AddHours(-2),
            PlanningCounts = new CampaignCounts(2500, 1, 2, 40, 3),
            BatchCount = 3,
            History =
            [
                new CampaignEvent(Now.AddDays(-5), "anna", "created"),
                new CampaignEvent(Now.AddDays(-4), "bo", "edited"),
                new CampaignEvent(Now.AddDays(-1), "system", "planned", "2500 recipients in 3 batches"),
            ],
        };
        return campaign;
    }
}
