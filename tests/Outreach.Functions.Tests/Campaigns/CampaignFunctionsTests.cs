using Outreach.Core.Campaigns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Campaigns;

namespace Outreach.Functions.Tests.Campaigns;

/// <summary>
/// The campaign functions' answers to requests they judge alone (no Core needed): every bad field is a 400 problem naming
/// it, an id that is a newsletter's is not a campaign, and no staff principal is a 401.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class CampaignFunctionsTests(FunctionsFixture fixture)
{
    private const string Valid = CampaignRequests.MeetingInvitation;

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { """{"district":""", "body" },
        { "[1]", "body" },
        { "", "body" },
        { "null", "body" },
        { Valid.Replace("\"campaigns\"", "\"marketing\"", StringComparison.Ordinal), "category" },
        { Valid.Replace("\"storkobenhavn\"", "\"fyn\"", StringComparison.Ordinal), "district" },
        { Valid.Replace("\"name\":\"Kommunemøde København\",", "", StringComparison.Ordinal), "name" },
        { Valid.Replace("\"name\":\"Kommunemøde København\"", "\"name\":42", StringComparison.Ordinal), "name" },
        { Valid.Replace("\"Invitation til møde med ledersekretariatet\"", "\"Invitation\\nBcc: someone@example.org\"", StringComparison.Ordinal), "subject" },
        { Valid.Replace("\"Invitation til møde med ledersekretariatet\"", "\"" + new string('s', 201) + "\"", StringComparison.Ordinal), "subject" },
        { Valid.Replace("\"markdown\":", "\"template\":\"arsmode\",\"markdown\":", StringComparison.Ordinal), "markdown" },
        { Valid.Replace("\"markdown\":\"Kære leder\\n\\nVi inviterer til møde.\",", "", StringComparison.Ordinal), "markdown" },
        { Valid.Replace("\"markdown\":\"Kære leder\\n\\nVi inviterer til møde.\"", "\"template\":\"../../etc/passwd\"", StringComparison.Ordinal), "template" },
        { Valid.Replace("\"signedByChair\":true", "\"signedByChair\":\"yes\"", StringComparison.Ordinal), "signedByChair" },
        { Valid[..Valid.IndexOf(",\"audience\"", StringComparison.Ordinal)] + "}", "audience" },
        { Valid[..Valid.IndexOf(",\"audience\"", StringComparison.Ordinal)] + ",\"audience\":{}}", "audience" },
        { Valid.Replace("\"membership\":\"member\"", "\"membership\":\"maybe\"", StringComparison.Ordinal), "audience.segment.membership" },
        { Valid.Replace("\"membership\":\"member\"", "\"membership\":7", StringComparison.Ordinal), "audience.segment.membership" },
        { Valid.Replace("\"membership\":\"member\"", "\"states\":[\"Welcomed\",\"Sleeping\"]", StringComparison.Ordinal), "audience.segment.states" },
        { Valid.Replace("[\"København\"]", "[\"Aalborg\"]", StringComparison.Ordinal), "audience.segment.municipalities" },
        { Valid.Replace("\"membership\":\"member\"", "\"hiredFrom\":\"2026-12-01\",\"hiredTo\":\"2026-01-01\"", StringComparison.Ordinal), "audience.segment.hiredTo" },
        { Valid.Replace("\"membership\":\"member\"", "\"hiredFrom\":\"yesterday\"", StringComparison.Ordinal), "audience.segment.hiredFrom" },
        { Valid.Replace("{\"segment\":{\"municipalities\":[\"København\"],\"membership\":\"member\"}}", "{\"listId\":\"l-1/../x\"}", StringComparison.Ordinal), "audience.listId" },
        { Valid.Replace("{\"segment\":{\"municipalities\":[\"København\"],\"membership\":\"member\"}}", "{\"listIds\":[\"l-1\",\"l\\u0000\"]}", StringComparison.Ordinal), "audience.listIds" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateCampaign_InvalidBody_Answers400ProblemNamingTheField(string body, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "POST", "/api/staff/campaigns", body, (f, r) => f.CreateAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Fact]
    public async Task CreateCampaign_TextPlainBody_Answers415NamingBody()
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "POST", "/api/staff/campaigns", Valid, (f, r) => f.CreateAsync(r, default), "text/plain");

        // Assert
        Assert.Equal(415, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["body"]);
    }

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task UpdateCampaign_InvalidBody_Answers400ProblemNamingTheField(string body, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "PUT", "/api/staff/campaigns/c-x", body, (f, r) => f.UpdateAsync(r, "c-x", default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Fact]
    public async Task UpdateCampaign_NewsletterIssueId_Answers404()
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(
            fixture.Services, StaffCalls.Sam, "PUT", "/api/staff/campaigns/newsletter-storkobenhavn-2027-01", Valid, (f, r) => f.UpdateAsync(r, "newsletter-storkobenhavn-2027-01", default));

        // Assert
        Assert.Equal(404, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Theory]
    [InlineData("c-\u0001")]
    [InlineData("c/../x")]
    [InlineData("c?x")]
    public async Task GetCampaign_IdThatCannotBeOne_Answers400NamingId(string id)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/campaigns/x", null, (f, r) => f.GetAsync(r, id, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["id"]);
    }

    [Fact]
    public async Task GetCampaign_IdOf1100Characters_Answers400NamingId()
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/campaigns/x", null, (f, r) => f.GetAsync(r, new string('c', 1100), default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["id"]);
    }

    [Theory]
    [InlineData("?district=fyn", "district")]
    [InlineData("?district=storkobenhavn%27%20or%20%27%27%3D%27", "district")]
    [InlineData("?kind=letter", "kind")]
    [InlineData("?kind=1", "kind")]
    public async Task ListCampaigns_InvalidQueryValue_Answers400NamingTheField(string query, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/campaigns" + query, null, (f, r) => f.ListAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?email=")]
    [InlineData("?email=not-an-address")]
    [InlineData("?email=a%40b%40example.org")]
    public async Task PreviewCampaign_NoValidEmail_Answers400NamingEmail(string query)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "GET", "/api/staff/campaigns/c-x/preview" + query, null, (f, r) => f.PreviewAsync(r, "c-x", default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["email"]);
    }

    [Theory]
    [InlineData("""{"to":"nobody"}""", "to")]
    [InlineData("""{}""", "to")]
    [InlineData("""{"to":["a@example.org"]}""", "to")]
    [InlineData("""{"to":""", "body")]
    [InlineData("", "body")]
    public async Task SendCampaignTest_InvalidBody_Answers400NamingTheField(string body, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "POST", "/api/staff/campaigns/c-x/test", body, (f, r) => f.TestAsync(r, "c-x", default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Theory]
    [InlineData("""{"at":"2027-01-05T09:00:00"}""", "at")]
    [InlineData("""{"at":"next tuesday"}""", "at")]
    [InlineData("""{"at":"2027-02-30T09:00:00Z"}""", "at")]
    [InlineData("""{"at":5}""", "at")]
    [InlineData("""{"at":""", "body")]
    public async Task SendCampaign_InvalidBody_Answers400NamingTheField(string body, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "POST", "/api/staff/campaigns/c-x/send", body, (f, r) => f.SendAsync(r, "c-x", default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Fact]
    public async Task SendCampaign_NonEmptyBodyThatIsNotJson_Answers415NamingBody()
    {
        // Act
        var answer = await StaffCalls.CallAsync<CampaignFunctions>(fixture.Services, StaffCalls.Sam, "POST", "/api/staff/campaigns/c-x/send", "at=now", (f, r) => f.SendAsync(r, "c-x", default), "application/x-www-form-urlencoded");

        // Assert
        Assert.Equal(415, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["body"]);
    }

    [Theory]
    [InlineData(nameof(CampaignFunctions.CreateAsync))]
    [InlineData(nameof(CampaignFunctions.UpdateAsync))]
    [InlineData(nameof(CampaignFunctions.GetAsync))]
    [InlineData(nameof(CampaignFunctions.ListAsync))]
    [InlineData(nameof(CampaignFunctions.PreviewAsync))]
    [InlineData(nameof(CampaignFunctions.TestAsync))]
    [InlineData(nameof(CampaignFunctions.ApproveAsync))]
    [InlineData(nameof(CampaignFunctions.SendAsync))]
    [InlineData(nameof(CampaignFunctions.CancelAsync))]
    public async Task CampaignFunction_NoKey_Answers401AndEveryStaffMemberGetsIn(string method)
    {
        // Act
        var none = await Operations.OperationsAccess.StatusAsync(fixture.Services, typeof(CampaignFunctions), method, apiKey: null);
        var staff = await Operations.OperationsAccess.StatusAsync(fixture.Services, typeof(CampaignFunctions), method, StaffCalls.Sam);

        // Assert
        Assert.Equal(401, none);
        Assert.Equal(200, staff);
    }

    [Fact]
    public void Read_MeetingInvitation_IsTheDraftCoreGets()
    {
        // Arrange
        var request = new CampaignRequest(
            "STORKOBENHAVN", " Kommunemøde ", "Invitation", null, true, "Kære leder", null,
            new AudienceRequest(new SegmentRequest(["københavn", "Tårnby"], ["nonmember", "Unknown"], ["welcomed"], new DateOnly(2026, 1, 1), null), "l-1", ["l-2", "l-1"]));

        // Act
        var (draft, problem) = CampaignDrafts.Read(request, fixture.Services.GetService<Core.Districts.IDistrictCatalog>()!);

        // Assert
        Assert.Null(problem);
        Assert.Equal("storkobenhavn", draft!.District);
        Assert.Equal("Kommunemøde", draft.Name);
        Assert.Equal(Core.Unsubscribe.OptOutCategory.Campaigns, draft.Category);
        Assert.True(draft.Content.SignedByChair);
        Assert.Equal("Kære leder", draft.Content.Markdown);
        Assert.Null(draft.Content.Template);
        Assert.Equal(["København", "Tårnby"], draft.Audience.Segment!.Municipalities!);
        Assert.Equal([Core.Discovery.MembershipStatus.NonMember, Core.Discovery.MembershipStatus.Unknown], draft.Audience.Segment.Membership!);
        Assert.Equal([Core.Leaders.LeaderState.Welcomed], draft.Audience.Segment.States!);
        Assert.Equal(new DateOnly(2026, 1, 1), draft.Audience.Segment.HiredFrom);
        Assert.Equal(["l-1", "l-2"], draft.Audience.ListIds);
    }

    [Fact]
    public void Read_NewsletterCategoryAndTemplate_AreKept()
    {
        // Arrange
        var request = new CampaignRequest("storkobenhavn", "Årsmøde", "Årsmøde 2027", "Newsletter", null, null, "arsmode", new AudienceRequest(new SegmentRequest(null, null, null, null, null), null, null));

        // Act
        var (draft, problem) = CampaignDrafts.Read(request, fixture.Services.GetService<Core.Districts.IDistrictCatalog>()!);

        // Assert
        Assert.Null(problem);
        Assert.Equal(Core.Unsubscribe.OptOutCategory.Newsletter, draft!.Category);
        Assert.Equal("arsmode", draft.Content.Template);
        Assert.False(draft.Content.SignedByChair);
        Assert.NotNull(draft.Audience.Segment);
        Assert.Empty(draft.Audience.ListIds);
    }

    [Fact]
    public async Task CampaignAnswers_AsTheWorkerWritesThem_AreTheContractsJson()
    {
        // Arrange
        var campaign = NewCampaign();
        campaign.Approve("anne.admin", campaign.CreatedAt.AddHours(1));
        var details = TypedResults.Ok(CampaignDetails.From(new CampaignView(campaign, new CampaignCounts(3, 2, 0, 1, 0))));
        var list = TypedResults.Ok<IReadOnlyList<CampaignSummary>>([CampaignSummary.From(campaign)]);

        // Act
        var one = await HttpCalls.RunAsync(details, HttpCalls.Request(fixture.Services, "GET", "/api/staff/campaigns/c-1"));
        var many = await HttpCalls.RunAsync(list, HttpCalls.Request(fixture.Services, "GET", "/api/staff/campaigns"));

        // Assert
        Assert.Equal("application/json", one.MediaType);
        Assert.Equal(("c-1", "campaign", "campaigns", "Approved", "sam.staff", "anne.admin"),
            (one.Json["id"]!.GetValue<string>(), one.Json["kind"]!.GetValue<string>(), one.Json["category"]!.GetValue<string>(),
                one.Json["status"]!.GetValue<string>(), one.Json["createdBy"]!.GetValue<string>(), one.Json["approvedBy"]!.GetValue<string>()));
        Assert.Equal((3, 2, 0, 1, 0), (one.Json["counts"]!["planned"]!.GetValue<int>(), one.Json["counts"]!["sent"]!.GetValue<int>(),
            one.Json["counts"]!["outcomeUnknown"]!.GetValue<int>(), one.Json["counts"]!["suppressed"]!.GetValue<int>(), one.Json["counts"]!["failed"]!.GetValue<int>()));
        Assert.Equal("approved", one.Json["history"]![0]!["action"]!.GetValue<string>());
        Assert.Equal("anne.admin", one.Json["history"]![0]!["actor"]!.GetValue<string>());
        Assert.Equal("l-1", one.Json["audience"]!["listIds"]![0]!.GetValue<string>());
        Assert.Equal("nonmember", one.Json["audience"]!["segment"]!["membership"]![0]!.GetValue<string>());
        Assert.Equal("Welcomed", one.Json["audience"]!["segment"]!["states"]![0]!.GetValue<string>());
        Assert.Equal("Approved", many.Json[0]!["status"]!.GetValue<string>());
        Assert.True(many.Json[0]!["signedByChair"]!.GetValue<bool>());
    }

    private static Campaign NewCampaign() => new()
    {
        Id = "c-1", Kind = CampaignKind.Campaign, District = "storkobenhavn", Name = "Møde", Category = Core.Unsubscribe.OptOutCategory.Campaigns,
        Content = new CampaignContent { Subject = "Invitation", Markdown = "x", SignedByChair = true }, Audience = new CampaignAudience
        {
            Segment = new LeaderSegment { Membership = [Core.Discovery.MembershipStatus.NonMember], States = [Core.Leaders.LeaderState.Welcomed] },
            ListIds = ["l-1"],
        },
        CreatedBy = "sam.staff", CreatedAt = new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void CampaignDetails_OfAView_CarriesWhoDidWhatAndTheCounts()
    {
        // Arrange
        var at = new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var campaign = new Campaign
        {
            Id = "c-1", Kind = CampaignKind.Campaign, District = "storkobenhavn", Name = "Møde", Category = Core.Unsubscribe.OptOutCategory.Campaigns,
            Content = new CampaignContent { Subject = "Invitation", Markdown = "x", SignedByChair = true }, Audience = new CampaignAudience { ListIds = ["l-1"] },
            CreatedBy = "sam.staff", CreatedAt = at,
        };
        campaign.Approve("anne.admin", at);
        var view = new CampaignView(campaign, new CampaignCounts(3, 2, 0, 1, 0));

        // Act
        var details = CampaignDetails.From(view);

        // Assert
        Assert.Equal(("campaign", "campaigns", CampaignStatus.Approved, "sam.staff", "anne.admin"), (details.Kind, details.Category, details.Status, details.CreatedBy, details.ApprovedBy));
        Assert.Equal(new CampaignCounts(3, 2, 0, 1, 0), details.Counts);
        Assert.Equal("approved", Assert.Single(details.History).Action);
    }
}
