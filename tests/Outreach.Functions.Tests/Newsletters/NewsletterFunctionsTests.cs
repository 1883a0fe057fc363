using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Campaigns;
using Outreach.Core.Districts;
using Outreach.Functions.Newsletters;
using Outreach.Functions.Tests.Campaigns;

namespace Outreach.Functions.Tests.Newsletters;

/// <summary>
/// The newsletter functions' answers to requests they judge alone (no Core needed): bad fields are 400 problems naming
/// them, a campaign's id is not an issue's (404), and no staff principal is a 401.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class NewsletterFunctionsTests(FunctionsFixture fixture)
{
    private static readonly string Valid = NewsletterRequests.Issue("2027-01");

    public static TheoryData<string, string> InvalidBodies() => new()
    {
        { """{"district":"storkobenhavn",""", "body" },
        { "", "body" },
        { Valid.Replace("\"2027-01\"", "\"2027-13\"", StringComparison.Ordinal), "month" },
        { Valid.Replace("\"2027-01\"", "\"januar 2027\"", StringComparison.Ordinal), "month" },
        { Valid.Replace("\"2027-01\"", "\"2027-1\"", StringComparison.Ordinal), "month" },
        { Valid.Replace("\"month\":\"2027-01\",", "", StringComparison.Ordinal), "month" },
        { Valid.Replace("\"storkobenhavn\"", "\"fyn\"", StringComparison.Ordinal), "district" },
        { Valid.Replace("\"Nyhedsbrev fra Lederforeningen\"", "\"\"", StringComparison.Ordinal), "title" },
        { Valid[..Valid.IndexOf(",\"sections\"", StringComparison.Ordinal)] + "}", "sections" },
        { Valid[..Valid.IndexOf(",\"sections\"", StringComparison.Ordinal)] + ",\"sections\":[]}", "sections" },
        { Valid[..Valid.IndexOf(",\"sections\"", StringComparison.Ordinal)] + ",\"sections\":\"Årsmøde\"}", "sections" },
        { Valid.Replace("\"heading\":\"Årsmøde\",", "", StringComparison.Ordinal), "sections[0].heading" },
        { Valid.Replace("\"Vi vil gerne have dig med.\"", "\"  \"", StringComparison.Ordinal), "sections[1].markdown" },
        { Valid.Replace("\"nonmembers\"", "\"everyone\"", StringComparison.Ordinal), "sections[1].audience" },
        { Valid.Replace("\"signedByChair\":true", "\"signedByChair\":1", StringComparison.Ordinal), "signedByChair" },
        { Valid.Replace("\"signedByChair\":true", "\"signedByChair\":true,\"listIds\":[\"l/1\"]", StringComparison.Ordinal), "listIds" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task CreateNewsletter_InvalidBody_Answers400ProblemNamingTheField(string body, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<NewsletterFunctions>(fixture.Services, StaffCalls.Sam, "POST", NewsletterFunctions.Path, body, (f, r) => f.CreateAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Fact]
    public async Task UpdateNewsletter_BodyOfAnotherMonth_Answers400NamingMonth()
    {
        // Act
        var answer = await StaffCalls.CallAsync<NewsletterFunctions>(
            fixture.Services, StaffCalls.Sam, "PUT", NewsletterFunctions.Path + "/newsletter-storkobenhavn-2027-02", Valid, (f, r) => f.UpdateAsync(r, "newsletter-storkobenhavn-2027-02", default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["month"]);
    }

    public static TheoryData<string> IssueRoutes() => ["get", "put", "preview", "test", "approve", "send", "cancel"];

    [Theory]
    [MemberData(nameof(IssueRoutes))]
    public async Task IssueRoute_CampaignId_Answers404(string route)
    {
        // Arrange
        const string Id = "c-0123456789abcdef";

        // Act
        var answer = await CallIssueRouteAsync(route, Id);

        // Assert
        Assert.Equal(404, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Theory]
    [MemberData(nameof(IssueRoutes))]
    public async Task IssueRoute_IdWithAControlCharacter_Answers400NamingId(string route)
    {
        // Act
        var answer = await CallIssueRouteAsync(route, "newsletter-\u0000");

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["id"]);
    }

    [Theory]
    [InlineData("", "district")]
    [InlineData("?district=fyn", "district")]
    public async Task GetNewsletterSchedule_NoKnownDistrict_Answers400NamingDistrict(string query, string field)
    {
        // Act
        var answer = await StaffCalls.CallAsync<NewsletterFunctions>(fixture.Services, StaffCalls.Sam, "GET", NewsletterFunctions.Path + "/schedule" + query, null, (f, r) => f.GetScheduleAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?[field]);
    }

    [Fact]
    public async Task ListNewsletters_UnknownDistrict_Answers400NamingDistrict()
    {
        // Act
        var answer = await StaffCalls.CallAsync<NewsletterFunctions>(fixture.Services, StaffCalls.Sam, "GET", NewsletterFunctions.Path + "?district=fyn", null, (f, r) => f.ListAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]?["district"]);
    }

    [Theory]
    [InlineData(nameof(NewsletterFunctions.CreateAsync))]
    [InlineData(nameof(NewsletterFunctions.UpdateAsync))]
    [InlineData(nameof(NewsletterFunctions.ListAsync))]
    [InlineData(nameof(NewsletterFunctions.GetAsync))]
    [InlineData(nameof(NewsletterFunctions.PreviewAsync))]
    [InlineData(nameof(NewsletterFunctions.TestAsync))]
    [InlineData(nameof(NewsletterFunctions.ApproveAsync))]
    [InlineData(nameof(NewsletterFunctions.SendAsync))]
    [InlineData(nameof(NewsletterFunctions.CancelAsync))]
    [InlineData(nameof(NewsletterFunctions.GetScheduleAsync))]
    public async Task NewsletterFunction_NoKey_Answers401AndEveryStaffMemberGetsIn(string method)
    {
        // Act
        var none = await Operations.OperationsAccess.StatusAsync(fixture.Services, typeof(NewsletterFunctions), method, apiKey: null);
        var staff = await Operations.OperationsAccess.StatusAsync(fixture.Services, typeof(NewsletterFunctions), method, StaffCalls.Sam);

        // Assert
        Assert.Equal(401, none);
        Assert.Equal(200, staff);
    }

    [Fact]
    public void Read_IssueWithSectionsForSomeReaders_IsTheDraftCoreGets()
    {
        // Arrange
        var request = new NewsletterRequest("Storkobenhavn", "2027-01", "Nyhedsbrev", null,
            [new("Årsmøde", "Kom!", null), new("Bliv medlem", "Meld dig ind.", "non-members"), new("Kun for medlemmer", "Tak.", "Members")], null, ["l-1"]);

        // Act
        var (draft, problem) = NewsletterDrafts.Read(request, fixture.Services.GetRequiredService<IDistrictCatalog>());

        // Assert
        Assert.Null(problem);
        Assert.Equal(("storkobenhavn", "2027-01", "Nyhedsbrev", "", false), (draft!.District, draft.Month, draft.Title, draft.Intro, draft.SignedByChair));
        Assert.Equal([SectionAudience.All, SectionAudience.NonMembers, SectionAudience.Members], draft.Sections.Select(section => section.Audience));
        Assert.Equal(["l-1"], draft.ListIds);
        Assert.Equal("newsletter-storkobenhavn-2027-01", NewsletterIds.For(draft.District, draft.Month));
    }

    [Fact]
    public async Task ScheduleAnswer_AsTheWorkerWritesIt_SaysWhyTheLastRunSentNothing()
    {
        // Arrange
        var due = new DateTimeOffset(2027, 1, 5, 8, 0, 0, TimeSpan.Zero);
        var status = new Core.Newsletters.NewsletterScheduleStatus(
            "storkobenhavn", "0 0 9 1-7 * 2", due.AddDays(28), "2027-02", "newsletter-storkobenhavn-2027-02", "missing",
            new Core.Newsletters.NewsletterRun("storkobenhavn", "2027-01", due, null, "no approved issue"));

        // Act
        var answer = await HttpCalls.RunAsync(Microsoft.AspNetCore.Http.TypedResults.Ok(status), HttpCalls.Request(fixture.Services, "GET", "/api/staff/newsletters/schedule"));

        // Assert
        Assert.Equal(("2027-02", "missing", "no approved issue"),
            (answer.Json["nextMonth"]!.GetValue<string>(), answer.Json["nextIssueStatus"]!.GetValue<string>(), answer.Json["lastRun"]!["outcome"]!.GetValue<string>()));
        Assert.Equal(due.AddDays(28), answer.Json["nextAt"]!.GetValue<DateTimeOffset>());
        Assert.Null(answer.Json["lastRun"]!["campaignId"]);
    }

    private Task<Answer> CallIssueRouteAsync(string route, string id)
    {
        var services = fixture.Services;
        var path = NewsletterFunctions.Path + "/x";
        return route switch
        {
            "get" => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Sam, "GET", path, null, (f, r) => f.GetAsync(r, id, default)),
            "put" => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Sam, "PUT", path, Valid, (f, r) => f.UpdateAsync(r, id, default)),
            "preview" => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Sam, "GET", path + "/preview?email=a%40example.org", null, (f, r) => f.PreviewAsync(r, id, default)),
            "test" => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Sam, "POST", path + "/test", """{"to":"a@example.org"}""", (f, r) => f.TestAsync(r, id, default)),
            "approve" => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Anne, "POST", path + "/approve", null, (f, r) => f.ApproveAsync(r, id, default)),
            "send" => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Sam, "POST", path + "/send", null, (f, r) => f.SendAsync(r, id, default)),
            _ => StaffCalls.CallAsync<NewsletterFunctions>(services, StaffCalls.Sam, "POST", path + "/cancel", null, (f, r) => f.CancelAsync(r, id, default)),
        };
    }
}
