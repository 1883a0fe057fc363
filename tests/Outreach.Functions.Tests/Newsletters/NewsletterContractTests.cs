using Outreach.Functions.Campaigns;
using Outreach.Functions.Newsletters;
using Outreach.Functions.Tests.Campaigns;

namespace Outreach.Functions.Tests.Newsletters;

/// <summary>
/// The newsletter contract of issue 10 §7 end to end through the functions and Core against Azurite: create an issue
/// for a month, read it, preview it, approve it as another staff member, and read the district's schedule.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class NewsletterContractTests(FunctionsFixture fixture)
{
    private IServiceProvider Services => fixture.Services;

    private Task<(Answer Answer, string? Location)> CreateAsync(string body) =>
        StaffCalls.CallWithLocationAsync<NewsletterFunctions>(Services, StaffCalls.Sam, "POST", NewsletterFunctions.Path, body, (f, r) => f.CreateAsync(r, default));

    [Fact]
    public async Task Newsletter_CreateGetPreviewApproveByAnotherMember_FollowsTheContract()
    {
        // Arrange
        var month = NewsletterRequests.UniqueMonth();
        var id = "newsletter-storkobenhavn-" + month;

        // Act
        var (created, location) = await CreateAsync(NewsletterRequests.Issue(month));
        var issue = await StaffCalls.CallAsync<NewsletterFunctions>(Services, StaffCalls.Sam, "GET", NewsletterFunctions.Path + "/" + id, null, (f, r) => f.GetAsync(r, id, default));
        var asCampaign = await StaffCalls.CallAsync<CampaignFunctions>(Services, StaffCalls.Sam, "GET", CampaignFunctions.Path + "/" + id, null, (f, r) => f.GetAsync(r, id, default));
        var preview = await StaffCalls.CallAsync<NewsletterFunctions>(
            Services, StaffCalls.Sam, "GET", $"{NewsletterFunctions.Path}/{id}/preview?email=nobody%40example.org", null, (f, r) => f.PreviewAsync(r, id, default));
        var ownApproval = await StaffCalls.CallAsync<NewsletterFunctions>(Services, StaffCalls.Sam, "POST", $"{NewsletterFunctions.Path}/{id}/approve", null, (f, r) => f.ApproveAsync(r, id, default));
        var approval = await StaffCalls.CallAsync<NewsletterFunctions>(Services, StaffCalls.Anne, "POST", $"{NewsletterFunctions.Path}/{id}/approve", null, (f, r) => f.ApproveAsync(r, id, default));
        var list = await StaffCalls.CallAsync<NewsletterFunctions>(Services, StaffCalls.Sam, "GET", NewsletterFunctions.Path + "?district=storkobenhavn", null, (f, r) => f.ListAsync(r, default));

        // Assert
        Assert.Equal(201, created.Status);
        Assert.Equal(id, created.Json["id"]!.GetValue<string>());
        Assert.Equal("Draft", created.Json["status"]!.GetValue<string>());
        Assert.Equal(NewsletterFunctions.Path + "/" + id, location);
        Assert.Equal(200, issue.Status);
        Assert.Equal(("newsletter", month, "newsletter", "Nyhedsbrev fra Lederforeningen"),
            (issue.Json["kind"]!.GetValue<string>(), issue.Json["month"]!.GetValue<string>(), issue.Json["category"]!.GetValue<string>(), issue.Json["subject"]!.GetValue<string>()));
        Assert.Equal(200, asCampaign.Status);
        Assert.Equal(200, preview.Status);
        Assert.Contains("Nyhedsbrev fra Lederforeningen", preview.Json["subject"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("kryds", preview.Json["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(409, ownApproval.Status);
        Assert.Equal("four-eyes", ownApproval.Json["rule"]!.GetValue<string>());
        Assert.Equal(200, approval.Status);
        Assert.Equal("Approved", approval.Json["status"]!.GetValue<string>());
        Assert.Contains(list.Json.AsArray(), item => item!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task CreateNewsletter_SecondIssueForTheMonth_Answers409NamingExists()
    {
        // Arrange
        var month = NewsletterRequests.UniqueMonth();
        Assert.Equal(201, (await CreateAsync(NewsletterRequests.Issue(month))).Answer.Status);

        // Act
        var (again, _) = await CreateAsync(NewsletterRequests.Issue(month, "Endnu et nyhedsbrev"));

        // Assert
        Assert.Equal(409, again.Status);
        Assert.Equal("exists", again.Json["rule"]!.GetValue<string>());
    }

    [Fact]
    public async Task GetNewsletterSchedule_Storkobenhavn_SaysWhenTheNextIssueGoesAndWhichOne()
    {
        // Act
        var answer = await StaffCalls.CallAsync<NewsletterFunctions>(
            Services, StaffCalls.Sam, "GET", NewsletterFunctions.Path + "/schedule?district=STORKOBENHAVN", null, (f, r) => f.GetScheduleAsync(r, default));

        // Assert
        Assert.Equal(200, answer.Status);
        Assert.Equal("storkobenhavn", answer.Json["district"]!.GetValue<string>());
        Assert.Equal("0 0 9 1-7 * 2", answer.Json["schedule"]!.GetValue<string>());
        Assert.NotNull(answer.Json["nextAt"]);
        Assert.StartsWith("newsletter-storkobenhavn-", answer.Json["nextIssueId"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(answer.Json["nextIssueStatus"]!.GetValue<string>()));
    }
}
