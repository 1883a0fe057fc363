using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Outreach.Core.Campaigns;
using Outreach.Core.Imports;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Tests.CampaignSending;

namespace Outreach.Core.Tests.RecipientLists;

public sealed class RecipientListServiceTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private readonly Mock<IRecipientListRepository> lists = new();
    private readonly Mock<ICampaignRepository> campaigns = new();

    private RecipientListService Service(CsvImportOptions? limits = null) =>
        new(lists.Object, campaigns.Object, new RecipientListCsvParser(Options.Create(limits ?? new CsvImportOptions())), new FakeTimeProvider(Now));

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task UploadAsync_GoodAndBadRows_StoresTheGoodRowsAndReportsTheBadOnes()
    {
        // Arrange
        IReadOnlyList<RecipientListEntry>? stored = null;
        lists.Setup(l => l.AddAsync(It.IsAny<RecipientList>(), It.IsAny<IReadOnlyList<RecipientListEntry>>(), It.IsAny<CancellationToken>()))
            .Callback<RecipientList, IReadOnlyList<RecipientListEntry>, CancellationToken>((_, entries, _) => stored = entries)
            .Returns(Task.CompletedTask);

        // Act
        var upload = await Service().UploadAsync("  Kandidater KV25 ", Csv("email,name\na@kandidat.example,A\nbad,B\nA@kandidat.example,A igen\n"), "anna");

        // Assert
        Assert.StartsWith("l-", upload.List.Id, StringComparison.Ordinal);
        Assert.True(RecipientListService.IsListId(upload.List.Id));
        Assert.Equal(("Kandidater KV25", 1, "anna", Now), (upload.List.Name, upload.List.Rows, upload.List.CreatedBy, upload.List.CreatedAt));
        Assert.Equal([(3, "email"), (4, "email")], upload.Problems.Select(p => (p.Line, p.Field)));
        Assert.Equal("a@kandidat.example", Assert.Single(stored!).Email);
        lists.Verify(l => l.AddAsync(upload.List, It.IsAny<IReadOnlyList<RecipientListEntry>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UploadAsync_TwoUploads_GetDifferentIds()
    {
        // Act
        var first = await Service().UploadAsync("A", Csv("email,name\na@kandidat.example,A\n"), "anna");
        var second = await Service().UploadAsync("A", Csv("email,name\na@kandidat.example,A\n"), "anna");

        // Assert
        Assert.NotEqual(first.List.Id, second.List.Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Two\nlines")]
    public async Task UploadAsync_NameMissingOrNotOneLine_ThrowsNamingNameAndStoresNothing(string name)
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().UploadAsync(name, Csv("email,name\na@kandidat.example,A\n"), "anna"));

        // Assert
        Assert.Equal("name", refused.Field);
        lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task UploadAsync_NameLongerThan200_ThrowsNamingName()
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().UploadAsync(new string('x', 201), Csv("email,name\na@kandidat.example,A\n"), "anna"));

        // Assert
        Assert.Equal("name", refused.Field);
        lists.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("email,name\nbad,A\n,B\n")]
    [InlineData("email,name\n")]
    [InlineData("")]
    [InlineData("mail,navn\na@kandidat.example,A\n")]
    public async Task UploadAsync_NoGoodRow_ThrowsNamingFileAndStoresNothing(string csv)
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().UploadAsync("Liste", Csv(csv), "anna"));

        // Assert
        Assert.Equal("file", refused.Field);
        lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task UploadAsync_FileOverTheConfiguredLimit_ThrowsNamingFileAndStoresNothing()
    {
        // Arrange
        var text = "email,name\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"p{i}@kandidat.example,Person {i}\n"));

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service(new CsvImportOptions { MaxBytes = 1024 }).UploadAsync("Liste", Csv(text), "anna"));

        // Assert
        Assert.Equal("file", refused.Field);
        Assert.Contains("1024 bytes", refused.Message, StringComparison.Ordinal);
        lists.VerifyNoOtherCalls();
    }

    [Theory]
    [InlineData("c-123")]
    [InlineData("l-../x")]
    [InlineData("")]
    public async Task GetAsync_NotAListId_IsNullWithoutAskingTheTable(string id)
    {
        // Act
        var list = await Service().GetAsync(id);

        // Assert
        Assert.Null(list);
        lists.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task DeleteAsync_TheAudienceOfAnApprovedCampaign_ThrowsListInUseNamingItAndDeletesNothing()
    {
        // Arrange
        var approved = CampaignSendingTestData.Campaign("storkobenhavn", CampaignStatus.Approved, listIds: ["l-0a1b", "l-ffff"]);
        var sent = CampaignSendingTestData.Campaign("storkobenhavn", CampaignStatus.Sent, listIds: ["l-0a1b"]);
        campaigns.Setup(c => c.ListAsync(null, null, It.IsAny<CancellationToken>())).ReturnsAsync([approved, sent]);

        // Act
        var refusal = await Assert.ThrowsAsync<CampaignRuleException>(() => Service().DeleteAsync("l-0a1b", "anna"));

        // Assert
        Assert.Equal("list-in-use", refusal.Rule);
        Assert.Contains(approved.Id, refusal.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sent.Id, refusal.Message, StringComparison.Ordinal);
        lists.Verify(l => l.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData(CampaignStatus.Sending)]
    [InlineData(CampaignStatus.Sent)]
    [InlineData(CampaignStatus.Cancelled)]
    public async Task DeleteAsync_OnlyCampaignsWithAFrozenAudienceOrNoneNameIt_DeletesTheList(CampaignStatus status)
    {
        // Arrange
        campaigns.Setup(c => c.ListAsync(null, null, It.IsAny<CancellationToken>())).ReturnsAsync([CampaignSendingTestData.Campaign("storkobenhavn", status, listIds: ["l-0a1b"])]);
        lists.Setup(l => l.DeleteAsync("l-0a1b", It.IsAny<CancellationToken>())).ReturnsAsync(true);

        // Act
        var deleted = await Service().DeleteAsync("l-0a1b", "anna");

        // Assert
        Assert.True(deleted);
    }
}
