using Microsoft.Extensions.Time.Testing;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Core.Leaders;
using Outreach.Core.Newsletters;
using Outreach.Core.RecipientLists;
using Outreach.Core.Tests.Discovery;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Newsletters;

public sealed class NewsletterServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private readonly Mock<ICampaignRepository> campaigns = new();
    private readonly Mock<IRecipientListRepository> lists = new();
    private readonly Mock<ICampaignRenderer> renderer = new();
    private readonly InMemoryCursorStore cursorStore = new();
    private readonly string district = "d" + Guid.NewGuid().ToString("N")[..8];

    private NewsletterService Service() =>
        new(campaigns.Object, lists.Object, new NewsletterTestData((district, NewsletterTestData.FirstTuesdayAtNine), ("noschedule", null)), renderer.Object, new NewsletterScheduleCursors(cursorStore), new FakeTimeProvider(Now));

    private NewsletterDraft Draft(string month = "2027-01") => new()
    {
        District = district.ToUpperInvariant(),
        Month = month,
        Title = " Nyt fra lederforeningen ",
        Intro = "Kære leder",
        Sections = [new ContentSection("Årsmøde", "Kom til **årsmøde**."), new ContentSection("Kurser", "Se kurserne.", SectionAudience.NonMembers)],
        SignedByChair = true,
    };

    [Fact]
    public async Task CreateAsync_ValidDraft_StoresANewsletterCampaignForEveryLeaderOfTheDistrict()
    {
        // Arrange
        lists.Setup(l => l.GetAsync("l-00ff", It.IsAny<CancellationToken>())).ReturnsAsync(new RecipientList("l-00ff", "Kandidater", 3, "bo", Now));

        // Act
        var issue = await Service().CreateAsync(Draft() with { ListIds = ["l-00ff", "l-00ff"] }, "anna");

        // Assert
        Assert.Equal(
            ($"newsletter-{district}-2027-01", CampaignKind.Newsletter, district, "Nyhedsbrev januar 2027", "2027-01", OptOutCategory.Newsletter, CampaignStatus.Draft, "anna", Now),
            (issue.Id, issue.Kind, issue.District, issue.Name, issue.Month, issue.Category, issue.Status, issue.CreatedBy, issue.CreatedAt));
        Assert.Equal(("Nyt fra lederforeningen", "Nyt fra lederforeningen", "Kære leder", true), (issue.Content.Subject, issue.Content.Title, issue.Content.Intro, issue.Content.SignedByChair));
        Assert.Equal(["Årsmøde", "Kurser"], issue.Content.Sections.Select(s => s.Heading));
        Assert.Equal(SectionAudience.NonMembers, issue.Content.Sections[1].Audience);
        Assert.Equal(new LeaderSegment(), issue.Audience.Segment);
        Assert.Equal(["l-00ff"], issue.Audience.ListIds);
        campaigns.Verify(c => c.AddAsync(issue, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task CreateAsync_MonthHasAnIssue_ThrowsTheRepositorysExistsRule()
    {
        // Arrange
        campaigns.Setup(c => c.AddAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>())).ThrowsAsync(new CampaignRuleException("exists", "It exists."));

        // Act
        var refused = await Assert.ThrowsAsync<CampaignRuleException>(() => Service().CreateAsync(Draft(), "anna"));

        // Assert
        Assert.Equal("exists", refused.Rule);
    }

    public static TheoryData<string, string> BadDrafts => new()
    {
        { "district", "district" },
        { "month:2027-13", "month" },
        { "month:2027-1", "month" },
        { "month:januar", "month" },
        { "title:", "title" },
        { "title:two\nlines", "title" },
        { "title:long", "title" },
        { "sections:none", "sections" },
        { "sections:1:heading", "sections[1].heading" },
        { "sections:1:markdown", "sections[1].markdown" },
        { "listIds:unknown", "listIds[0]" },
    };

    [Theory]
    [MemberData(nameof(BadDrafts))]
    public async Task CreateAsync_BadDraft_ThrowsNamingTheFieldAndStoresNothing(string change, string field)
    {
        // Arrange
        var good = Draft();
        var second = good.Sections[1];
        var draft = change switch
        {
            "district" => good with { District = "atlantis" },
            "title:long" => good with { Title = new string('x', 201) },
            "sections:none" => good with { Sections = [] },
            "sections:1:heading" => good with { Sections = [good.Sections[0], second with { Heading = " " }] },
            "sections:1:markdown" => good with { Sections = [good.Sections[0], second with { Markdown = "" }] },
            "listIds:unknown" => good with { ListIds = ["l-0123"] },
            _ when change.StartsWith("month:", StringComparison.Ordinal) => good with { Month = change[6..] },
            _ when change.StartsWith("title:", StringComparison.Ordinal) => good with { Title = change[6..] },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().CreateAsync(draft, "anna"));

        // Assert
        Assert.Equal(field, refused.Field);
        campaigns.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_RendererRefusesTheSecondSection_ThrowsNamingItsMarkdown()
    {
        // Arrange
        renderer.Setup(r => r.Check(It.IsAny<DistrictOptions>(), It.Is<CampaignContent>(c => c.Sections.Any(s => s.Heading == "Kurser"))))
            .Returns("The Markdown is longer than 100000 characters.");

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().CreateAsync(Draft(), "anna"));

        // Assert
        Assert.Equal(("sections[1].markdown", "The Markdown is longer than 100000 characters."), (refused.Field, refused.Message));
        campaigns.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task UpdateAsync_ApprovedIssue_ReplacesTheContentAndWithdrawsTheApproval()
    {
        // Arrange
        var issue = NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Approved);
        campaigns.Setup(c => c.GetAsync(issue.Id, It.IsAny<CancellationToken>())).ReturnsAsync(issue);

        // Act
        var updated = await Service().UpdateAsync(issue.Id, Draft() with { Title = "Rettet titel" }, "carl");

        // Assert
        Assert.Equal((CampaignStatus.Draft, (string?)null, "Rettet titel"), (updated.Status, updated.ApprovedBy, updated.Content.Subject));
        Assert.Contains("carl", updated.EditedBy);
        campaigns.Verify(c => c.UpdateAsync(issue, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UpdateAsync_DraftNamesAnotherMonth_ThrowsNamingMonth()
    {
        // Arrange
        var issue = NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Draft);
        campaigns.Setup(c => c.GetAsync(issue.Id, It.IsAny<CancellationToken>())).ReturnsAsync(issue);

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().UpdateAsync(issue.Id, Draft("2027-02"), "carl"));

        // Assert
        Assert.Equal("month", refused.Field);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task UpdateAsync_UnknownIssue_ThrowsNotFound()
    {
        // Act / Assert
        await Assert.ThrowsAsync<CampaignNotFoundException>(() => Service().UpdateAsync($"newsletter-{district}-2027-01", Draft(), "carl"));
    }

    [Fact]
    public async Task ListAsync_District_NewestMonthFirst()
    {
        // Arrange
        campaigns.Setup(c => c.ListAsync(district, CampaignKind.Newsletter, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            NewsletterTestData.Issue(district, "2026-11", CampaignStatus.Sent),
            NewsletterTestData.Issue(district, "2027-01", CampaignStatus.Draft),
            NewsletterTestData.Issue(district, "2026-12", CampaignStatus.Sent),
        ]);

        // Act
        var issues = await Service().ListAsync(district.ToUpperInvariant());

        // Assert
        Assert.Equal(["2027-01", "2026-12", "2026-11"], issues.Select(i => i.Month));
    }

    [Fact]
    public async Task ScheduleAsync_NoIssueForTheNextMonth_SaysMissing()
    {
        // Act: 7 December 2026; the first Tuesday of January 2027 is the 5th.
        var status = await Service().ScheduleAsync(district);

        // Assert
        Assert.Equal(((DateTimeOffset?)new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero), "2027-01", "missing", (NewsletterRun?)null), (status.NextAt, status.NextMonth, status.NextIssueStatus, status.LastRun));
    }

    [Fact]
    public async Task ScheduleAsync_DistrictWithoutSchedule_HasNoNextOccurrence()
    {
        // Act
        var status = await Service().ScheduleAsync("noschedule");

        // Assert
        Assert.Equal(("noschedule", (string?)null, (DateTimeOffset?)null), (status.District, status.Schedule, status.NextAt));
    }
}
