using System.Globalization;
using System.Text.Json.Nodes;
using Outreach.Functions.Campaigns;
using Outreach.Functions.Tests.Leaders;
using Outreach.Functions.Tests.RecipientLists;

namespace Outreach.Functions.Tests.Campaigns;

/// <summary>
/// The campaign contract of issue 10 §7 end to end through the functions and Core against Azurite: create → get →
/// preview → approve by another staff member (four eyes) → send, and the 409s naming the rules.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class CampaignContractTests(FunctionsFixture fixture)
{
    private static readonly string[] StartedStatuses = ["Planning", "Sending", "Sent"];

    private static readonly string[] CountNames = ["planned", "sent", "outcomeUnknown", "suppressed", "failed"];

    private IServiceProvider Services => fixture.Services;

    private Task<(Answer Answer, string? Location)> CreateAsync(string body, string apiKey = StaffCalls.Sam) =>
        StaffCalls.CallWithLocationAsync<CampaignFunctions>(Services, apiKey, "POST", CampaignFunctions.Path, body, (f, r) => f.CreateAsync(r, default));

    private Task<Answer> GetAsync(string id) =>
        StaffCalls.CallAsync<CampaignFunctions>(Services, StaffCalls.Sam, "GET", CampaignFunctions.Path + "/" + id, null, (f, r) => f.GetAsync(r, id, default));

    private Task<Answer> ApproveAsync(string id, string apiKey) =>
        StaffCalls.CallAsync<CampaignFunctions>(Services, apiKey, "POST", $"{CampaignFunctions.Path}/{id}/approve", null, (f, r) => f.ApproveAsync(r, id, default));

    private Task<(Answer Answer, string? Location)> SendAsync(string id, string? body = null, string apiKey = StaffCalls.Sam) =>
        StaffCalls.CallWithLocationAsync<CampaignFunctions>(Services, apiKey, "POST", $"{CampaignFunctions.Path}/{id}/send", body, (f, r) => f.SendAsync(r, id, default));

    private async Task<string> CreateToNewListAsync(string person, bool signedByChair = true)
    {
        var listId = await RecipientListCalls.UploadCandidatesAsync(Services, person);
        var (created, _) = await CreateAsync(CampaignRequests.ToList(listId, signedByChair));
        Assert.Equal(201, created.Status);
        return created.Json["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task Campaign_CreateGetApproveByAnotherMemberSend_FollowsTheContract()
    {
        // Arrange
        var person = TestLeaders.Unique("valg");
        var listId = await RecipientListCalls.UploadCandidatesAsync(Services, person);

        // Act: sam writes the chair-signed letter, anne approves it, sam sends it.
        var (created, location) = await CreateAsync(CampaignRequests.ToList(listId));
        var id = created.Json["id"]!.GetValue<string>();
        var draft = await GetAsync(id);
        var approved = await ApproveAsync(id, StaffCalls.Anne);
        var (sent, statusLocation) = await SendAsync(id, body: "");
        var status = await GetAsync(id);

        // Assert
        Assert.Equal(201, created.Status);
        Assert.Equal("Draft", created.Json["status"]!.GetValue<string>());
        Assert.Equal(CampaignFunctions.Path + "/" + Uri.EscapeDataString(id), location);
        Assert.Equal(200, draft.Status);
        Assert.Equal(
            ("campaign", "storkobenhavn", "campaigns", true, "Draft", "sam.staff"),
            (draft.Json["kind"]!.GetValue<string>(), draft.Json["district"]!.GetValue<string>(), draft.Json["category"]!.GetValue<string>(),
                draft.Json["signedByChair"]!.GetValue<bool>(), draft.Json["status"]!.GetValue<string>(), draft.Json["createdBy"]!.GetValue<string>()));
        Assert.Null(draft.Json["approvedBy"]);
        Assert.Equal(0, draft.Json["counts"]!["sent"]!.GetValue<int>());
        Assert.Equal(200, approved.Status);
        Assert.Equal("anne.admin", approved.Json["approvedBy"]!.GetValue<string>());
        Assert.Equal(202, sent.Status);
        Assert.Equal(location, statusLocation);
        Assert.Contains(status.Json["status"]!.GetValue<string>(), StartedStatuses);
        Assert.Equal("anne.admin", status.Json["approvedBy"]!.GetValue<string>());
        Assert.Equal("sam.staff", status.Json["sentBy"]!.GetValue<string>());
        var actions = status.Json["history"]!.AsArray().Select(step => step!["action"]!.GetValue<string>()).ToList();
        Assert.Contains("approved", actions);
        Assert.True(actions.IndexOf("approved") < actions.IndexOf("send-requested"), string.Join(", ", actions));
        foreach (var count in CountNames)
        {
            Assert.NotNull(status.Json["counts"]![count]);
        }
    }

    [Fact]
    public async Task ApproveCampaign_ByTheAuthorOfAChairSignedCampaign_Answers409NamingFourEyes()
    {
        // Arrange
        var id = await CreateToNewListAsync(TestLeaders.Unique("egen"));

        // Act
        var answer = await ApproveAsync(id, StaffCalls.Sam);
        var after = await GetAsync(id);

        // Assert
        Assert.Equal(409, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal("four-eyes", answer.Json["rule"]!.GetValue<string>());
        Assert.Contains("four-eyes", answer.Json["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Draft", after.Json["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task SendCampaign_NotApproved_Answers409NamingApprovalRequired()
    {
        // Arrange
        var id = await CreateToNewListAsync(TestLeaders.Unique("uden"));

        // Act
        var (answer, _) = await SendAsync(id);

        // Assert
        Assert.Equal(409, answer.Status);
        Assert.Equal("approval-required", answer.Json["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task UpdateCampaign_AfterApproval_WithdrawsTheApproval()
    {
        // Arrange: not signed by the chair, so its author may approve it.
        var person = TestLeaders.Unique("ret");
        var listId = await RecipientListCalls.UploadCandidatesAsync(Services, person);
        var (created, _) = await CreateAsync(CampaignRequests.ToList(listId, signedByChair: false));
        var id = created.Json["id"]!.GetValue<string>();
        Assert.Equal(200, (await ApproveAsync(id, StaffCalls.Sam)).Status);
        var edited = JsonNode.Parse(CampaignRequests.ToList(listId, signedByChair: false))!;
        edited["subject"] = "Ny tid: invitation til valgmøde";

        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(Services, StaffCalls.Anne, "PUT", CampaignFunctions.Path + "/" + id, edited.ToJsonString(), (f, r) => f.UpdateAsync(r, id, default));
        var after = await GetAsync(id);

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Equal("Draft", after.Json["status"]!.GetValue<string>());
        Assert.Null(after.Json["approvedBy"]);
        Assert.Equal("Ny tid: invitation til valgmøde", after.Json["subject"]!.GetValue<string>());
        Assert.Contains("anne.admin", after.Json["editedBy"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Contains(after.Json["history"]!.AsArray(), step => step!["action"]!.GetValue<string>() == "approval-withdrawn");
    }

    [Fact]
    public async Task SendCampaign_AtALaterTime_SchedulesItAndCancelStopsIt()
    {
        // Arrange
        var id = await CreateToNewListAsync(TestLeaders.Unique("senere"));
        Assert.Equal(200, (await ApproveAsync(id, StaffCalls.Anne)).Status);

        // Within the 90 days a campaign may be scheduled ahead, given in Copenhagen winter time's offset.
        var at = new DateTimeOffset(DateTimeOffset.UtcNow.Date.AddDays(30).AddHours(9), TimeSpan.FromHours(1));

        // Act
        var (scheduled, _) = await SendAsync(id, "{\"at\":\"" + at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) + "\"}");
        var cancelled = await StaffCalls.CallAsync<CampaignFunctions>(Services, StaffCalls.Anne, "POST", $"{CampaignFunctions.Path}/{id}/cancel", null, (f, r) => f.CancelAsync(r, id, default));
        var cancelAgain = await StaffCalls.CallAsync<CampaignFunctions>(Services, StaffCalls.Anne, "POST", $"{CampaignFunctions.Path}/{id}/cancel", null, (f, r) => f.CancelAsync(r, id, default));
        var after = await GetAsync(id);

        // Assert
        Assert.Equal(202, scheduled.Status);
        Assert.Equal("Scheduled", scheduled.Json["status"]!.GetValue<string>());
        Assert.Equal(at.ToUniversalTime(), scheduled.Json["scheduledAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(200, cancelled.Status);
        Assert.Equal("Cancelled", cancelled.Json["status"]!.GetValue<string>());
        Assert.Equal(409, cancelAgain.Status);
        Assert.Equal("not-cancellable", cancelAgain.Json["rule"]!.GetValue<string>());
        Assert.Equal("anne.admin", after.Json["cancelledBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task PreviewAndTest_ARecipientOfTheList_RenderTheCampaign()
    {
        // Arrange
        var person = TestLeaders.Unique("vis");
        var id = await CreateToNewListAsync(person);

        // Act
        var preview = await StaffCalls.CallAsync<CampaignFunctions>(
            Services, StaffCalls.Sam, "GET", $"{CampaignFunctions.Path}/{id}/preview?email={person}.a%40example.org", null, (f, r) => f.PreviewAsync(r, id, default));
        var test = await StaffCalls.CallAsync<CampaignFunctions>(
            Services, StaffCalls.Sam, "POST", $"{CampaignFunctions.Path}/{id}/test", """{"to":"sam.staff@example.org"}""", (f, r) => f.TestAsync(r, id, default));

        // Assert
        Assert.Equal(200, preview.Status);
        Assert.Equal("Invitation til valgmøde", preview.Json["subject"]!.GetValue<string>());
        Assert.True(preview.Json["inAudience"]!.GetValue<bool>());
        Assert.Contains("kandidat", preview.Json["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(preview.Json["text"]!.GetValue<string>()));
        Assert.Equal(202, test.Status);
    }

    [Fact]
    public async Task GetCampaign_Unknown_Answers404AndListNamesTheDistrictsCampaigns()
    {
        // Arrange
        var id = await CreateToNewListAsync(TestLeaders.Unique("liste"));

        // Act
        var unknown = await GetAsync("c-" + Guid.NewGuid().ToString("N"));
        var list = await StaffCalls.CallAsync<CampaignFunctions>(Services, StaffCalls.Sam, "GET", CampaignFunctions.Path + "?district=storkobenhavn", null, (f, r) => f.ListAsync(r, default));

        // Assert
        Assert.Equal(404, unknown.Status);
        Assert.Equal(200, list.Status);
        Assert.Contains(list.Json.AsArray(), campaign => campaign!["id"]!.GetValue<string>() == id);
    }
}
