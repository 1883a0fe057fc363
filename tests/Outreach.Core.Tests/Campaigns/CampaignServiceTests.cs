using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Outreach.Core.CampaignRendering;
using Outreach.Core.Campaigns;
using Outreach.Core.CampaignSending;
using Outreach.Core.Discovery;
using Outreach.Core.Districts;
using Outreach.Core.Email;
using Outreach.Core.Leaders;
using Outreach.Core.RecipientLists;
using Outreach.Core.Tests.Leaders;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Campaigns;

public sealed class CampaignServiceTests
{
    private static readonly DateTimeOffset Now = CampaignTestData.Now;
    private static readonly Uri UnsubscribeLink = new("https://outreach.example/api/public/unsubscribe?token=abc&x=1");

    private readonly Mock<ICampaignRepository> campaigns = new();
    private readonly Mock<ICampaignBatchStore> batches = new();
    private readonly Mock<ICampaignWorkQueue> queue = new();
    private readonly Mock<IRecipientListRepository> lists = new();
    private readonly Mock<ILeaderRepository> leaders = new();
    private readonly Mock<ICampaignRenderer> renderer = new();
    private readonly Mock<IUnsubscribeTokens> tokens = new();
    private readonly Mock<IMailSender> mail = new();
    private readonly LeaderFlowHarness.FixedDistricts districts = CampaignTestData.Districts();

    public CampaignServiceTests()
    {
        renderer.Setup(r => r.Render(It.IsAny<DistrictOptions>(), It.IsAny<Campaign>(), It.IsAny<string>()))
            .Returns((DistrictOptions _, Campaign campaign, string variant) => new RenderedVariant(
                variant,
                campaign.Content.Subject,
                $"<p>Kære {RecipientTags.NameHtml}</p><p>{variant}</p><a href=\"{RecipientTags.UnsubscribeUrlHtml}\">Afmeld</a>",
                $"Kære {RecipientTags.NameText}\n{variant}\nAfmeld: {RecipientTags.UnsubscribeUrlText}"));
        tokens.Setup(t => t.CreateLink(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<OptOutCategory>())).Returns(UnsubscribeLink);
        leaders.Setup(l => l.ListAsync(It.IsAny<string>(), It.IsAny<LeaderFilter>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        mail.Setup(m => m.SendAsync(It.IsAny<OutgoingMail>(), It.IsAny<CancellationToken>())).ReturnsAsync(new MailSendResult("msg-1"));
    }

    [Fact]
    public async Task CreateAsync_ValidDraft_StoresADraftWithANewIdAndItsCreator()
    {
        // Arrange
        Campaign? stored = null;
        campaigns.Setup(c => c.AddAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>())).Callback((Campaign c, CancellationToken _) => stored = c);

        // Act
        var campaign = await Service().CreateAsync(CampaignTestData.Draft() with { District = "StorKobenhavn", Name = "  Møde i Tårnby " }, "anna");

        // Assert
        Assert.Same(campaign, stored);
        Assert.Matches("^c-[a-z2-7]{12}$", campaign.Id);
        Assert.Equal(
            (CampaignKind.Campaign, "storkobenhavn", "Møde i Tårnby", CampaignStatus.Draft, "anna", Now, OptOutCategory.Campaigns),
            (campaign.Kind, campaign.District, campaign.Name, campaign.Status, campaign.CreatedBy, campaign.CreatedAt, campaign.Category));
        Assert.Equal(new CampaignEvent(Now, "anna", "created"), Assert.Single(campaign.History));
        renderer.Verify(r => r.Check(It.Is<DistrictOptions>(d => d.Code == "storkobenhavn"), campaign.Content), Times.Once);
    }

    [Fact]
    public async Task CreateAsync_TwoDrafts_GetDifferentIds()
    {
        // Act
        var first = await Service().CreateAsync(CampaignTestData.Draft(), "anna");
        var second = await Service().CreateAsync(CampaignTestData.Draft(), "anna");

        // Assert
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task CreateAsync_MunicipalityInAnotherCaseAndAListTwice_StoresTheDistrictsSpellingAndTheListOnce()
    {
        // Arrange
        lists.Setup(l => l.GetAsync("l-1", It.IsAny<CancellationToken>())).ReturnsAsync(new RecipientList("l-1", "Kandidater", 3, "anna", Now));
        var draft = CampaignTestData.Draft() with
        {
            Audience = new CampaignAudience { Segment = new LeaderSegment { Municipalities = ["tårnby", "KØBENHAVN", "Tårnby"] }, ListIds = ["l-1", "l-1"] },
        };

        // Act
        var campaign = await Service().CreateAsync(draft, "anna");

        // Assert
        Assert.Equal(["Tårnby", "København"], campaign.Audience.Segment!.Municipalities!);
        Assert.Equal(["l-1"], campaign.Audience.ListIds);
    }

    [Theory]
    [InlineData("unknown-district", "district")]
    [InlineData("empty-name", "name")]
    [InlineData("two-line-name", "name")]
    [InlineData("long-name", "name")]
    [InlineData("empty-subject", "subject")]
    [InlineData("long-subject", "subject")]
    [InlineData("two-line-subject", "subject")]
    [InlineData("no-body", "markdown")]
    [InlineData("markdown-and-template", "template")]
    [InlineData("markdown-and-sections", "sections")]
    [InlineData("template-path", "template")]
    [InlineData("markdown-too-long", "markdown")]
    [InlineData("outreach-category", "category")]
    [InlineData("no-audience", "audience")]
    [InlineData("municipality-of-another-district", "municipalities")]
    [InlineData("hired-from-after-hired-to", "hiredTo")]
    [InlineData("undefined-membership", "membership")]
    [InlineData("unknown-list", "listId")]
    public async Task CreateAsync_InvalidDraft_ThrowsNamingTheFieldAndWritesNothing(string problem, string field)
    {
        // Arrange
        var draft = Invalid(problem);

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().CreateAsync(draft, "anna"));

        // Assert
        Assert.Equal(field, refused.Field);
        campaigns.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CreateAsync_TemplateTheRendererCannotFind_ThrowsOnTemplateWithTheRenderersWords()
    {
        // Arrange
        renderer.Setup(r => r.Check(It.IsAny<DistrictOptions>(), It.IsAny<CampaignContent>())).Returns("There is no template arsmode.");
        var draft = CampaignTestData.Draft() with { Content = new CampaignContent { Subject = "Årsmøde", Template = "arsmode" } };

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().CreateAsync(draft, "anna"));

        // Assert
        Assert.Equal(("template", "There is no template arsmode."), (refused.Field, refused.Message));
        campaigns.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task UpdateAsync_ApprovedCampaign_SavesTheEditAndWithdrawsTheApproval()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Approved, createdBy: "anna"));
        var draft = CampaignTestData.Draft() with { Name = "Nyt navn" };

        // Act
        await Service().UpdateAsync(campaign.Id, draft, "bo");

        // Assert
        Assert.Equal(("Nyt navn", CampaignStatus.Draft, (string?)null), (campaign.Name, campaign.Status, campaign.ApprovedBy));
        Assert.Equal(["bo"], campaign.EditedBy);
        Assert.Equal([("bo", "edited"), ("bo", "approval-withdrawn")], campaign.History.Select(e => (e.Actor, e.Action)));
        campaigns.Verify(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task UpdateAsync_WhileSending_ThrowsNotEditableAndSavesNothing()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Sending));

        // Act
        var refused = await Assert.ThrowsAsync<CampaignRuleException>(() => Service().UpdateAsync(campaign.Id, CampaignTestData.Draft(), "bo"));

        // Assert
        Assert.Equal("not-editable", refused.Rule);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task UpdateAsync_AnotherDistrict_ThrowsOnDistrict()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign());
        var draft = CampaignTestData.Draft() with { District = "nordjylland", Audience = new CampaignAudience { Segment = new LeaderSegment() } };

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().UpdateAsync(campaign.Id, draft, "bo"));

        // Assert
        Assert.Equal("district", refused.Field);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task UpdateAsync_NewsletterIssueIntoTheCampaignsCategory_ThrowsOnCategory()
    {
        // Arrange
        var draft = CampaignTestData.Draft();
        var newsletter = new Campaign
        {
            Id = "newsletter-storkobenhavn-2027-01",
            Kind = CampaignKind.Newsletter,
            District = "storkobenhavn",
            Name = "Nyhedsbrev januar",
            Month = "2027-01",
            Category = OptOutCategory.Newsletter,
            Content = draft.Content,
            Audience = draft.Audience,
            CreatedBy = "anna",
            CreatedAt = Now,
        };
        Stored(newsletter);

        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().UpdateAsync(newsletter.Id, draft with { Category = OptOutCategory.Campaigns }, "bo"));

        // Assert
        Assert.Equal("category", refused.Field);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task UpdateAsync_UnknownCampaign_ThrowsNotFound()
    {
        // Act / Assert
        await Assert.ThrowsAsync<CampaignNotFoundException>(() => Service().UpdateAsync("c-missing", CampaignTestData.Draft(), "bo"));
    }

    [Fact]
    public async Task UpdateAsync_SomebodyChangedItMeanwhile_LetsTheConflictThrough()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign());
        campaigns.Setup(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("changed"));

        // Act / Assert
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().UpdateAsync(campaign.Id, CampaignTestData.Draft(), "bo"));
    }

    [Fact]
    public async Task ApproveAsync_AuthorOfChairSignedCampaign_ThrowsFourEyesAndSavesNothing()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(signedByChair: true, createdBy: "anna"));

        // Act
        var refused = await Assert.ThrowsAsync<CampaignRuleException>(() => Service().ApproveAsync(campaign.Id, "anna"));

        // Assert
        Assert.Equal("four-eyes", refused.Rule);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ApproveAsync_SecondStaffMember_SavesTheApproval()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(signedByChair: true, createdBy: "anna"));

        // Act
        var approved = await Service().ApproveAsync(campaign.Id, "bo");

        // Assert
        Assert.Equal((CampaignStatus.Approved, "bo", (DateTimeOffset?)Now), (approved.Status, approved.ApprovedBy, approved.ApprovedAt));
        campaigns.Verify(c => c.UpdateAsync(It.Is<Campaign>(c => c.Status == CampaignStatus.Approved), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ApproveAsync_UnknownCampaign_ThrowsNotFound()
    {
        // Act / Assert
        await Assert.ThrowsAsync<CampaignNotFoundException>(() => Service().ApproveAsync("c-missing", "bo"));
    }

    [Fact]
    public async Task SendAsync_Unapproved_ThrowsApprovalRequiredAndQueuesNothing()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Draft));

        // Act
        var refused = await Assert.ThrowsAsync<CampaignRuleException>(() => Service().SendAsync(campaign.Id, "anna", null));

        // Assert
        Assert.Equal("approval-required", refused.Rule);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendAsync_ApprovedNow_SavesPlanningBeforeQueueingThePlan()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Approved));
        var steps = new List<string>();
        campaigns.Setup(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>())).Callback(() => steps.Add("saved " + campaign.Status));
        queue.Setup(q => q.EnqueuePlanAsync(It.IsAny<CampaignPlanWorkItem>(), It.IsAny<CancellationToken>())).Callback((CampaignPlanWorkItem item, CancellationToken _) => steps.Add("queued " + item.CampaignId));

        // Act
        var sent = await Service().SendAsync(campaign.Id, "anna", null);

        // Assert
        Assert.Equal((CampaignStatus.Planning, "anna"), (sent.Status, sent.SentBy));
        Assert.Equal(["saved Planning", "queued " + campaign.Id], steps);
    }

    [Fact]
    public async Task SendAsync_ApprovedForLater_SchedulesItAndQueuesNothing()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Approved));
        var at = new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.FromHours(1));

        // Act
        var scheduled = await Service().SendAsync(campaign.Id, "anna", at);

        // Assert
        Assert.Equal((CampaignStatus.Scheduled, (DateTimeOffset?)at, TimeSpan.Zero), (scheduled.Status, scheduled.ScheduledAt, scheduled.ScheduledAt!.Value.Offset));
        campaigns.Verify(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>()), Times.Once);
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendAsync_MoreThanNinetyDaysAhead_ThrowsOnAtAndTouchesNothing()
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().SendAsync("c-any", "anna", Now.AddDays(91)));

        // Assert
        Assert.Equal("at", refused.Field);
        campaigns.VerifyNoOtherCalls();
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SendAsync_StillPlanning_QueuesThePlanAgainWithoutSaving()
    {
        // Arrange: an earlier request saved Planning but did not get to queue it.
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Planning));

        // Act
        await Service().SendAsync(campaign.Id, "anna", null);

        // Assert
        queue.Verify(q => q.EnqueuePlanAsync(new CampaignPlanWorkItem(campaign.Id), It.IsAny<CancellationToken>()), Times.Once);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task SendAsync_ConflictOnSave_QueuesNothing()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Approved));
        campaigns.Setup(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>())).ThrowsAsync(new ConcurrencyConflictException("changed"));

        // Act
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service().SendAsync(campaign.Id, "anna", null));

        // Assert
        queue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task CancelAsync_Scheduled_SavesItCancelledWithWho()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Scheduled));

        // Act
        var cancelled = await Service().CancelAsync(campaign.Id, "bo");

        // Assert
        Assert.Equal((CampaignStatus.Cancelled, "bo", (DateTimeOffset?)Now), (cancelled.Status, cancelled.CancelledBy, cancelled.CancelledAt));
        campaigns.Verify(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task CancelAsync_Sent_ThrowsNotCancellable()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign(CampaignStatus.Sent));

        // Act / Assert
        Assert.Equal("not-cancellable", (await Assert.ThrowsAsync<CampaignRuleException>(() => Service().CancelAsync(campaign.Id, "bo"))).Rule);
        campaigns.Verify(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task GetAsync_Sending_AddsTheBatchOutcomesToThePlanningCountsWithoutCountingPlannedTwice()
    {
        // Arrange: 2,500 frozen, 40 left out at planning; two batches have outcomes, one is waiting.
        var campaign = CampaignTestData.Campaign(CampaignStatus.Sending);
        campaign.PlanningCounts = new CampaignCounts(2500, 0, 0, 40, 0);
        Stored(campaign);
        batches.Setup(b => b.ListAsync(campaign.Id, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Batch(campaign.Id, 0, new CampaignCounts(1000, 995, 0, 3, 2)),
            Batch(campaign.Id, 1, new CampaignCounts(1000, 0, 1000, 0, 0)),
            Batch(campaign.Id, 2, new CampaignCounts(500, 0, 0, 0, 0)),
        ]);

        // Act
        var view = await Service().GetAsync(campaign.Id);

        // Assert
        Assert.Equal(new CampaignCounts(2500, 995, 1000, 43, 2), view!.Counts);
        Assert.Same(campaign, view.Campaign);
    }

    [Fact]
    public async Task GetAsync_Draft_HasNoCountsAndReadsNoBatches()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign());

        // Act
        var view = await Service().GetAsync(campaign.Id);

        // Assert
        Assert.Equal(CampaignCounts.None, view!.Counts);
        batches.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetAsync_UnknownCampaign_ReturnsNull()
    {
        // Act / Assert
        Assert.Null(await Service().GetAsync("c-missing"));
    }

    [Fact]
    public async Task ListAsync_DistrictInAnotherCase_AsksForTheDistrictsCode()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign();
        campaigns.Setup(c => c.ListAsync("storkobenhavn", CampaignKind.Campaign, It.IsAny<CancellationToken>())).ReturnsAsync([campaign]);

        // Act
        var listed = await Service().ListAsync("StorKobenhavn", CampaignKind.Campaign);

        // Assert
        Assert.Same(campaign, Assert.Single(listed));
    }

    [Fact]
    public async Task PreviewAsync_LeaderInTheSegment_FillsTheirNameEscapedPerPartAndTheirVariant()
    {
        // Arrange: a newsletter-like campaign with a section only for non-members.
        var campaign = CampaignTestData.Campaign();
        campaign.Content = new CampaignContent
        {
            Subject = "Nyhedsbrev",
            Sections = [new ContentSection("Til alle", "Hej"), new ContentSection("Bliv medlem", "Meld dig ind", SectionAudience.NonMembers)],
        };
        Stored(campaign);
        var leader = CampaignTestData.Leader("l1", MembershipStatus.NonMember, name: "Kim & <Bo>");
        leaders.Setup(l => l.ListAsync("storkobenhavn", It.Is<LeaderFilter>(f => f.EmailHash == EmailAddresses.Hash("l1@institution.example")), It.IsAny<CancellationToken>()))
            .ReturnsAsync([leader]);

        // Act
        var preview = await Service().PreviewAsync(campaign.Id, " L1@Institution.example ");

        // Assert
        Assert.True(preview.InAudience);
        Assert.Equal("Nyhedsbrev", preview.Subject);
        Assert.Contains("Kære Kim &amp; &lt;Bo&gt;", preview.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://outreach.example/api/public/unsubscribe?token=abc&amp;x=1\"", preview.Html, StringComparison.Ordinal);
        Assert.Contains("Kære Kim & <Bo>\nnonmembers\nAfmeld: https://outreach.example/api/public/unsubscribe?token=abc&x=1", preview.Text, StringComparison.Ordinal);
        tokens.Verify(t => t.CreateLink("storkobenhavn", "L1@Institution.example", OptOutCategory.Campaigns), Times.Once);
    }

    [Fact]
    public async Task PreviewAsync_LeaderOutsideTheSegment_ShowsTheirNameButNotInTheAudience()
    {
        // Arrange: the segment is Tårnby; the leader works in København.
        var campaign = Stored(CampaignTestData.Campaign());
        leaders.Setup(l => l.ListAsync("storkobenhavn", It.IsAny<LeaderFilter>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([CampaignTestData.Leader("l2", MembershipStatus.Member, "København", "Mette")]);

        // Act
        var preview = await Service().PreviewAsync(campaign.Id, "l2@institution.example");

        // Assert
        Assert.False(preview.InAudience);
        Assert.Contains("Kære Mette", preview.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewAsync_RowOfTheCampaignsList_UsesTheRowsNameAndTheUnknownMembershipVariant()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign();
        campaign.Audience = new CampaignAudience { ListIds = ["l-a", "l-b"] };
        campaign.Content = campaign.Content with { Markdown = null, Sections = [new ContentSection("Kun medlemmer", "x", SectionAudience.Members)] };
        Stored(campaign);
        var hash = EmailAddresses.Hash("kandidat@parti.example");
        lists.Setup(l => l.FindEntryAsync("l-b", hash, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RecipientListEntry(hash, "kandidat@parti.example", "Kim Kandidat", "Tårnby", "Kandidat", 2));

        // Act
        var preview = await Service().PreviewAsync(campaign.Id, "kandidat@parti.example");

        // Assert
        Assert.True(preview.InAudience);
        Assert.Contains("Kære Kim Kandidat\nunknown", preview.Text, StringComparison.Ordinal);
        leaders.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PreviewAsync_AddressInNoAudience_ShowsThePlaceholderName()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign());

        // Act
        var preview = await Service().PreviewAsync(campaign.Id, "anna@sl.example");

        // Assert
        Assert.False(preview.InAudience);
        Assert.Contains("Kære " + CampaignService.UnknownRecipientName + "\nall", preview.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[%", preview.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ikke en adresse")]
    [InlineData("Anna <anna@sl.example>")]
    public async Task PreviewAsync_NotAnAddress_ThrowsOnEmail(string email)
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().PreviewAsync("c-any", email));

        // Assert
        Assert.Equal("email", refused.Field);
        campaigns.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task PreviewAsync_UnknownCampaign_ThrowsNotFound()
    {
        // Act / Assert
        await Assert.ThrowsAsync<CampaignNotFoundException>(() => Service().PreviewAsync("c-missing", "anna@sl.example"));
    }

    [Fact]
    public async Task SendTestAsync_Draft_SendsTheTestMailAndNotesItWithoutTheAddress()
    {
        // Arrange
        var campaign = Stored(CampaignTestData.Campaign());
        OutgoingMail? sent = null;
        mail.Setup(m => m.SendAsync(It.IsAny<OutgoingMail>(), It.IsAny<CancellationToken>()))
            .Callback((OutgoingMail m, CancellationToken _) => sent = m)
            .ReturnsAsync(new MailSendResult("msg-1"));

        // Act
        await Service().SendTestAsync(campaign.Id, "anna@sl.example", "anna");

        // Assert
        Assert.NotNull(sent);
        Assert.Equal(("[TEST] Invitation", "anna@sl.example", "ledersektionen@sl.example", "leder@sl.example"), (sent.Subject, sent.To.Email, sent.From.Email, sent.ReplyTo?.Email));
        Assert.Matches($"^test:{campaign.Id}:[0-9a-f]{{32}}$", sent.DeliveryKey);
        Assert.Equal(["test", "storkobenhavn"], sent.Categories);
        Assert.Equal(UnsubscribeLink, sent.UnsubscribeUrl);
        Assert.Contains(CampaignService.UnknownRecipientName, sent.TextBody, StringComparison.Ordinal);
        var note = Assert.Single(campaign.History);
        Assert.Equal(("anna", "test-sent", (string?)null), (note.Actor, note.Action, note.Detail));
        Assert.Equal(CampaignStatus.Draft, campaign.Status);
        campaigns.Verify(c => c.UpdateAsync(campaign, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendTestAsync_HistoryNoteLosesARace_ReadsAgainAndNotesItOnce()
    {
        // Arrange: the first save conflicts, the campaign is read again and saved.
        var campaign = CampaignTestData.Campaign();
        var reread = CampaignTestData.Campaign(id: campaign.Id);
        campaigns.SetupSequence(c => c.GetAsync(campaign.Id, It.IsAny<CancellationToken>())).ReturnsAsync(campaign).ReturnsAsync(reread);
        campaigns.SetupSequence(c => c.UpdateAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new ConcurrencyConflictException("changed"))
            .Returns(Task.CompletedTask);

        // Act
        await Service().SendTestAsync(campaign.Id, "anna@sl.example", "anna");

        // Assert
        Assert.Equal(["test-sent"], reread.History.Select(e => e.Action));
        mail.Verify(m => m.SendAsync(It.IsAny<OutgoingMail>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SendTestAsync_NotAnAddress_ThrowsOnToAndSendsNothing()
    {
        // Act
        var refused = await Assert.ThrowsAsync<InvalidFieldException>(() => Service().SendTestAsync("c-any", "anna", "anna"));

        // Assert
        Assert.Equal("to", refused.Field);
        mail.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Lifecycle_CreateEditApproveSendCancel_HistoryNamesWhoDidEachStep()
    {
        // Arrange: an in-memory store behind the repository port.
        Campaign? stored = null;
        campaigns.Setup(c => c.AddAsync(It.IsAny<Campaign>(), It.IsAny<CancellationToken>())).Callback((Campaign c, CancellationToken _) => stored = c);
        campaigns.Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => stored);
        var service = Service();

        // Act
        var campaign = await service.CreateAsync(CampaignTestData.Draft(signedByChair: true), "anna");
        await service.UpdateAsync(campaign.Id, CampaignTestData.Draft(signedByChair: true) with { Name = "Rettet" }, "bo");
        await service.ApproveAsync(campaign.Id, "carl");
        await service.SendAsync(campaign.Id, "anna", Now.AddDays(1));
        await service.CancelAsync(campaign.Id, "dorte");

        // Assert
        Assert.Equal(
            [("anna", "created"), ("bo", "edited"), ("carl", "approved"), ("anna", "scheduled"), ("dorte", "cancelled")],
            stored!.History.Select(e => (e.Actor, e.Action)));
        Assert.Equal(("anna", "carl", "anna", "dorte"), (stored.CreatedBy, stored.ApprovedBy, stored.SentBy, stored.CancelledBy));
        Assert.Equal(["bo"], stored.EditedBy);
    }

    private static CampaignBatch Batch(string campaignId, int number, CampaignCounts counts) => new()
    {
        CampaignId = campaignId,
        Number = number,
        Variant = CampaignVariant.All,
        Recipients = [],
        Counts = counts,
    };

    private static CampaignDraft Invalid(string problem)
    {
        var draft = CampaignTestData.Draft();
        var content = draft.Content;
        return problem switch
        {
            "unknown-district" => draft with { District = "fyn" },
            "empty-name" => draft with { Name = "  " },
            "two-line-name" => draft with { Name = "Møde\ni Tårnby" },
            "long-name" => draft with { Name = new string('x', Campaign.MaxTitleLength + 1) },
            "empty-subject" => draft with { Content = content with { Subject = "" } },
            "long-subject" => draft with { Content = content with { Subject = new string('x', Campaign.MaxTitleLength + 1) } },
            "two-line-subject" => draft with { Content = content with { Subject = "Invitation\r\nBcc: alle" } },
            "no-body" => draft with { Content = content with { Markdown = " " } },
            "markdown-and-template" => draft with { Content = content with { Template = "arsmode" } },
            "markdown-and-sections" => draft with { Content = content with { Sections = [new ContentSection("A", "b")] } },
            "template-path" => draft with { Content = content with { Markdown = null, Template = "../../secrets" } },
            "markdown-too-long" => draft with { Content = content with { Markdown = new string('x', Campaign.MaxBodyLength + 1) } },
            "outreach-category" => draft with { Category = OptOutCategory.Outreach },
            "no-audience" => draft with { Audience = new CampaignAudience() },
            "municipality-of-another-district" => draft with { Audience = new CampaignAudience { Segment = new LeaderSegment { Municipalities = ["Aalborg"] } } },
            "hired-from-after-hired-to" => draft with
            {
                Audience = new CampaignAudience { Segment = new LeaderSegment { HiredFrom = new DateOnly(2026, 6, 1), HiredTo = new DateOnly(2026, 5, 31) } },
            },
            "undefined-membership" => draft with { Audience = new CampaignAudience { Segment = new LeaderSegment { Membership = [(MembershipStatus)42] } } },
            "unknown-list" => draft with { Audience = new CampaignAudience { ListIds = ["l-nowhere"] } },
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
    }

    private Campaign Stored(Campaign campaign)
    {
        campaigns.Setup(c => c.GetAsync(campaign.Id, It.IsAny<CancellationToken>())).ReturnsAsync(campaign);
        return campaign;
    }

    private CampaignService Service() => new(
        campaigns.Object,
        batches.Object,
        queue.Object,
        lists.Object,
        leaders.Object,
        districts,
        renderer.Object,
        tokens.Object,
        mail.Object,
        DomainTestData.Clock(),
        NullLogger<CampaignService>.Instance);
}
