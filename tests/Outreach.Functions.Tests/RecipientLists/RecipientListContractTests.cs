using Outreach.Functions.Campaigns;
using Outreach.Functions.RecipientLists;
using Outreach.Functions.Tests.Campaigns;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.RecipientLists;

/// <summary>
/// The recipient-list contract of issue 10 §7 end to end through the functions and Core against Azurite.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class RecipientListContractTests(FunctionsFixture fixture)
{
    [Fact]
    public async Task UploadRecipientList_GoodAndBadRows_Answers201WithTheGoodRowsAndTheBadOnesByLine()
    {
        // Arrange
        var person = TestLeaders.Unique("kandidat");

        // Act
        var (answer, location) = await RecipientListCalls.UploadAsync(fixture.Services, "Kandidater " + person, RecipientListCalls.Candidates(person));

        // Assert
        Assert.Equal(201, answer.Status);
        var id = answer.Json["id"]!.GetValue<string>();
        Assert.Equal("/api/staff/lists/" + Uri.EscapeDataString(id), location);
        Assert.Equal("Kandidater " + person, answer.Json["name"]!.GetValue<string>());
        Assert.Equal(2, answer.Json["rows"]!.GetValue<int>());
        var problem = Assert.Single(answer.Json["problems"]!.AsArray());
        Assert.Equal(3, problem!["line"]!.GetValue<int>());
        Assert.Equal("email", problem["field"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(problem["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task RecipientList_GetListDelete_FollowTheContract()
    {
        // Arrange
        var id = await RecipientListCalls.UploadCandidatesAsync(fixture.Services, TestLeaders.Unique("liste"));

        // Act
        var get = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Anne, "GET", "/api/staff/lists/" + id, null, (f, r) => f.GetAsync(r, id, default));
        var all = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Anne, "GET", "/api/staff/lists", null, (f, r) => f.ListAsync(r, default));
        var delete = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "DELETE", "/api/staff/lists/" + id, null, (f, r) => f.DeleteAsync(r, id, default));
        var gone = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/lists/" + id, null, (f, r) => f.GetAsync(r, id, default));
        var again = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "DELETE", "/api/staff/lists/" + id, null, (f, r) => f.DeleteAsync(r, id, default));

        // Assert
        Assert.Equal(200, get.Status);
        Assert.Equal(2, get.Json["rows"]!.GetValue<int>());
        Assert.Equal("sam.staff", get.Json["createdBy"]!.GetValue<string>());
        Assert.Contains(all.Json.AsArray(), list => list!["id"]!.GetValue<string>() == id);
        Assert.Equal(204, delete.Status);
        Assert.Equal(404, gone.Status);
        Assert.Equal(404, again.Status);
    }

    [Fact]
    public async Task DeleteRecipientList_TheAudienceOfADraftCampaign_Answers409NamingItUntilTheCampaignIsCancelled()
    {
        // Arrange
        var listId = await RecipientListCalls.UploadCandidatesAsync(fixture.Services, TestLeaders.Unique("i-brug"));
        var (created, _) = await StaffCalls.CallWithLocationAsync<CampaignFunctions>(
            fixture.Services, StaffCalls.Sam, "POST", CampaignFunctions.Path, CampaignRequests.ToList(listId), (f, r) => f.CreateAsync(r, default));
        var campaignId = created.Json["id"]!.GetValue<string>();

        // Act
        var refused = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "DELETE", "/api/staff/lists/" + listId, null, (f, r) => f.DeleteAsync(r, listId, default));
        var kept = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/lists/" + listId, null, (f, r) => f.GetAsync(r, listId, default));
        var cancelled = await StaffCalls.CallAsync<CampaignFunctions>(
            fixture.Services, StaffCalls.Sam, "POST", $"{CampaignFunctions.Path}/{campaignId}/cancel", null, (f, r) => f.CancelAsync(r, campaignId, default));
        var deleted = await StaffCalls.CallAsync<RecipientListFunctions>(fixture.Services, StaffCalls.Sam, "DELETE", "/api/staff/lists/" + listId, null, (f, r) => f.DeleteAsync(r, listId, default));

        // Assert
        Assert.Equal(409, refused.Status);
        Assert.Equal("list-in-use", refused.Json["rule"]!.GetValue<string>());
        Assert.Contains(campaignId, refused.Json["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(200, kept.Status);
        Assert.Equal(200, cancelled.Status);
        Assert.Equal(204, deleted.Status);
    }
}
