using Outreach.Core.Campaigns;
using Outreach.Core.Unsubscribe;

namespace Outreach.Core.Tests.Campaigns;

public sealed class CampaignRulesTests
{
    private static readonly DateTimeOffset Now = CampaignTestData.Now;

    [Fact]
    public void Approve_AuthorOfChairSignedCampaign_ThrowsFourEyesAndChangesNothing()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(signedByChair: true, createdBy: "anna");

        // Act
        var refused = Assert.Throws<CampaignRuleException>(() => campaign.Approve("ANNA", Now));

        // Assert: the comparison ignores case, so a differently typed name is still the author.
        Assert.Equal("four-eyes", refused.Rule);
        Assert.Equal((CampaignStatus.Draft, (string?)null), (campaign.Status, campaign.ApprovedBy));
        Assert.Empty(campaign.History);
    }

    [Fact]
    public void Approve_EditorOfChairSignedCampaign_ThrowsFourEyes()
    {
        // Arrange: bo did not create it, but edited it.
        var campaign = CampaignTestData.Campaign(signedByChair: true, createdBy: "anna");
        Edit(campaign, "bo");

        // Act
        var refused = Assert.Throws<CampaignRuleException>(() => campaign.Approve("bo", Now));

        // Assert
        Assert.Equal("four-eyes", refused.Rule);
    }

    [Fact]
    public void Approve_AnotherStaffMember_ApprovesAndRecordsWhoAndWhen()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(signedByChair: true, createdBy: "anna");

        // Act
        campaign.Approve("carl", Now);

        // Assert
        Assert.Equal((CampaignStatus.Approved, "carl", Now), (campaign.Status, campaign.ApprovedBy, campaign.ApprovedAt));
        Assert.Equal(new CampaignEvent(Now, "carl", "approved"), Assert.Single(campaign.History));
    }

    [Fact]
    public void Approve_AuthorOfCampaignNotSignedByTheChair_MaySelfApprove()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(signedByChair: false, createdBy: "anna");

        // Act
        campaign.Approve("anna", Now);

        // Assert
        Assert.Equal((CampaignStatus.Approved, "anna"), (campaign.Status, campaign.ApprovedBy));
    }

    [Theory]
    [InlineData(CampaignStatus.Approved)]
    [InlineData(CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Sending)]
    [InlineData(CampaignStatus.Cancelled)]
    public void Approve_NotADraft_ThrowsNotDraft(CampaignStatus status)
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(status);

        // Act
        var refused = Assert.Throws<CampaignRuleException>(() => campaign.Approve("carl", Now));

        // Assert
        Assert.Equal("not-draft", refused.Rule);
        Assert.Equal(status, campaign.Status);
    }

    [Fact]
    public void Edit_ApprovedCampaign_WithdrawsTheApprovalInTheEditorsName()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved, createdBy: "anna");

        // Act
        Edit(campaign, "dorte");

        // Assert
        Assert.Equal((CampaignStatus.Draft, (string?)null, (DateTimeOffset?)null), (campaign.Status, campaign.ApprovedBy, campaign.ApprovedAt));
        Assert.Equal(["anna", "dorte"], campaign.Authors);
        Assert.Equal([("dorte", "edited"), ("dorte", "approval-withdrawn")], campaign.History.Select(e => (e.Actor, e.Action)));
    }

    [Fact]
    public void Edit_ScheduledCampaign_DropsScheduleAndWhoAskedForIt()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved);
        campaign.RequestSend("bo", Now, Now.AddDays(2));

        // Act
        Edit(campaign, "anna");

        // Assert
        Assert.Equal((CampaignStatus.Draft, (DateTimeOffset?)null, (string?)null), (campaign.Status, campaign.ScheduledAt, campaign.SentBy));
    }

    [Fact]
    public void Edit_DraftTwiceBySameEditor_ListsTheEditorOnceAndWithdrawsNothing()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign();

        // Act
        Edit(campaign, "bo");
        Edit(campaign, "BO");

        // Assert
        Assert.Equal(["bo"], campaign.EditedBy);
        Assert.Equal(["edited", "edited"], campaign.History.Select(e => e.Action));
        Assert.Equal("Ny titel", campaign.Name);
    }

    [Theory]
    [InlineData(CampaignStatus.Planning)]
    [InlineData(CampaignStatus.Sending)]
    [InlineData(CampaignStatus.Sent)]
    [InlineData(CampaignStatus.Cancelled)]
    public void Edit_SendingStartedOrCancelled_ThrowsNotEditableAndChangesNothing(CampaignStatus status)
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(status);
        var content = campaign.Content;

        // Act
        var refused = Assert.Throws<CampaignRuleException>(() => Edit(campaign, "bo"));

        // Assert
        Assert.Equal("not-editable", refused.Rule);
        Assert.Same(content, campaign.Content);
        Assert.Empty(campaign.EditedBy);
        Assert.Empty(campaign.History);
    }

    [Fact]
    public void RequestSend_Draft_ThrowsApprovalRequired()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Draft);

        // Act
        var refused = Assert.Throws<CampaignRuleException>(() => campaign.RequestSend("anna", Now, null));

        // Assert
        Assert.Equal("approval-required", refused.Rule);
        Assert.Equal((CampaignStatus.Draft, (string?)null), (campaign.Status, campaign.SentBy));
    }

    [Theory]
    [InlineData(CampaignStatus.Planning)]
    [InlineData(CampaignStatus.Sent)]
    [InlineData(CampaignStatus.Cancelled)]
    public void RequestSend_NotApproved_ThrowsApprovalRequired(CampaignStatus status)
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(status);

        // Act / Assert
        Assert.Equal("approval-required", Assert.Throws<CampaignRuleException>(() => campaign.RequestSend("anna", Now, null)).Rule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-60)]
    public void RequestSend_ApprovedWithoutAFutureTime_GoesToPlanning(int? minutesAhead)
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved);

        // Act
        campaign.RequestSend("anna", Now, minutesAhead is { } minutes ? Now.AddMinutes(minutes) : null);

        // Assert
        Assert.Equal((CampaignStatus.Planning, "anna", (DateTimeOffset?)null), (campaign.Status, campaign.SentBy, campaign.ScheduledAt));
        Assert.Equal(("anna", "send-requested"), (campaign.History[^1].Actor, campaign.History[^1].Action));
    }

    [Fact]
    public void RequestSend_ApprovedWithAFutureTime_SchedulesIt()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved);
        var at = Now.AddDays(3);

        // Act
        campaign.RequestSend("anna", Now, at);

        // Assert
        Assert.Equal((CampaignStatus.Scheduled, (DateTimeOffset?)at, "anna"), (campaign.Status, campaign.ScheduledAt, campaign.SentBy));
        Assert.Equal("scheduled", campaign.History[^1].Action);
    }

    [Fact]
    public void RequestSend_ScheduledThenNow_GoesToPlanningAndDropsTheSchedule()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved);
        campaign.RequestSend("anna", Now, Now.AddDays(3));

        // Act
        campaign.RequestSend("bo", Now, null);

        // Assert
        Assert.Equal((CampaignStatus.Planning, (DateTimeOffset?)null, "bo"), (campaign.Status, campaign.ScheduledAt, campaign.SentBy));
    }

    [Fact]
    public void StartScheduled_Scheduled_GoesToPlanningBySystem()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved);
        campaign.RequestSend("anna", Now, Now.AddHours(1));

        // Act
        campaign.StartScheduled(Now.AddHours(1));

        // Assert
        Assert.Equal(CampaignStatus.Planning, campaign.Status);
        Assert.Equal(("system", "schedule-reached"), (campaign.History[^1].Actor, campaign.History[^1].Action));
    }

    [Fact]
    public void StartScheduled_Approved_ThrowsNotScheduled()
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(CampaignStatus.Approved);

        // Act / Assert
        Assert.Equal("not-scheduled", Assert.Throws<CampaignRuleException>(() => campaign.StartScheduled(Now)).Rule);
        Assert.Equal(CampaignStatus.Approved, campaign.Status);
    }

    [Theory]
    [InlineData(CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Scheduled)]
    [InlineData(CampaignStatus.Sending)]
    public void Cancel_NotYetSent_CancelsAndRecordsWho(CampaignStatus status)
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(status);

        // Act
        campaign.Cancel("bo", Now);

        // Assert
        Assert.Equal((CampaignStatus.Cancelled, "bo", (DateTimeOffset?)Now), (campaign.Status, campaign.CancelledBy, campaign.CancelledAt));
        Assert.Equal(new CampaignEvent(Now, "bo", "cancelled"), campaign.History[^1]);
    }

    [Theory]
    [InlineData(CampaignStatus.Sent)]
    [InlineData(CampaignStatus.Cancelled)]
    public void Cancel_SentOrCancelled_ThrowsNotCancellable(CampaignStatus status)
    {
        // Arrange
        var campaign = CampaignTestData.Campaign(status);

        // Act / Assert
        Assert.Equal("not-cancellable", Assert.Throws<CampaignRuleException>(() => campaign.Cancel("bo", Now)).Rule);
        Assert.Null(campaign.CancelledBy);
    }

    private static void Edit(Campaign campaign, string actor) =>
        campaign.Edit("Ny titel", OptOutCategory.Campaigns, campaign.Content with { Subject = "Ny emnelinje" }, campaign.Audience, actor, Now);
}
