using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Core.Email;
using Outreach.Core.Suppressions;
using Outreach.Functions.Staff;
using Outreach.Functions.Suppressions;
using Outreach.Functions.Tests.Leaders;

namespace Outreach.Functions.Tests.Suppressions;

/// <summary>The suppression list for staff: any staff member lists and adds; only an admin lifts an entry.</summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class SuppressionFunctionsTests(FunctionsFixture fixture)
{
    private SuppressionFunctions Functions => fixture.Create<SuppressionFunctions>();

    [Theory]
    [InlineData(nameof(SuppressionFunctions.ListAsync))]
    [InlineData(nameof(SuppressionFunctions.AddAsync))]
    [InlineData(nameof(SuppressionFunctions.RemoveAsync))]
    public async Task Middleware_NoPrincipal_Answers401(string method)
    {
        // Arrange
        var request = HttpCalls.Request(fixture.Services, "GET", "/api/staff/suppressions");

        // Act
        var refusal = Middleware().Check(EntryPoint(method), request.HttpContext);

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal(401, (await HttpCalls.RunAsync(refusal, request)).Status);
    }

    [Fact]
    public async Task Middleware_StaffOnlyKeyOnRemove_Answers403()
    {
        // Arrange
        var request = HttpCalls.Request(fixture.Services, "DELETE", "/api/staff/suppressions/a@example.org");
        request.Headers[StaffAuthenticator.ApiKeyHeader] = FunctionsFixture.StaffMemberKey;

        // Act
        var refusal = Middleware().Check(EntryPoint(nameof(SuppressionFunctions.RemoveAsync)), request.HttpContext);

        // Assert
        Assert.NotNull(refusal);
        Assert.Equal(403, (await HttpCalls.RunAsync(refusal, request)).Status);
    }

    [Theory]
    [InlineData(nameof(SuppressionFunctions.ListAsync), FunctionsFixture.StaffMemberKey)]
    [InlineData(nameof(SuppressionFunctions.AddAsync), FunctionsFixture.StaffMemberKey)]
    [InlineData(nameof(SuppressionFunctions.RemoveAsync), FunctionsFixture.AdminMemberKey)]
    public void Middleware_RightRole_LetsIn(string method, string key)
    {
        // Arrange
        var request = HttpCalls.Request(fixture.Services, "GET", "/api/staff/suppressions");
        request.Headers[StaffAuthenticator.ApiKeyHeader] = key;

        // Act
        var refusal = Middleware().Check(EntryPoint(method), request.HttpContext);

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public async Task AddListRemove_StaffAddsAdminLifts_TheAddressComesAndGoes()
    {
        // Arrange
        var email = TestLeaders.Unique("suppress") + "@example.org";
        var add = HttpCalls.StaffRequest(fixture.Services, "POST", "/api/staff/suppressions", $$"""{"email":"{{email}}","reason":"Asked by phone not to be written to"}""", apiKey: FunctionsFixture.StaffMemberKey);

        // Act
        var added = await HttpCalls.CallAsync(add, r => Functions.AddAsync(r, default));
        var listedAfterAdd = await IsListedAsync(email);
        var removed = await HttpCalls.CallAsync(Remove(email), r => Functions.RemoveAsync(r, email, default));
        var removedAgain = await HttpCalls.CallAsync(Remove(email), r => Functions.RemoveAsync(r, email, default));

        // Assert
        Assert.Equal(204, added.Status);
        Assert.Equal(("Asked by phone not to be written to", "sam.staff"), listedAfterAdd);
        Assert.Equal((204, 404), (removed.Status, removedAgain.Status));
        Assert.Null(await IsListedAsync(email));
    }

    [Fact]
    public async Task List_FirstPage_AnswersItemsAndAContinuationThatReadsOn()
    {
        // Arrange
        for (var i = 0; i < 2; i++)
        {
            await fixture.Services.GetRequiredService<SuppressionService>().SuppressAsync(TestLeaders.Unique("page") + "@example.org", "test", "anne.admin");
        }

        var request = HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/suppressions?limit=1");

        // Act
        var page = await HttpCalls.CallAsync(request, r => Functions.ListAsync(r, default));

        // Assert
        Assert.Equal(200, page.Status);
        Assert.Single(page.Json["items"]!.AsArray());
        var continuation = page.Json["continuation"]!.GetValue<string>();
        var next = HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/suppressions?limit=1&continuation=" + Uri.EscapeDataString(continuation));
        Assert.Single((await HttpCalls.CallAsync(next, r => Functions.ListAsync(r, default))).Json["items"]!.AsArray());
    }

    [Theory]
    [InlineData("""{"email":"not an address","reason":"x"}""", "email")]
    [InlineData("""{"email":"Hanne <h@example.org>","reason":"x"}""", "email")]
    [InlineData("""{"reason":"x"}""", "email")]
    [InlineData("""{"email":"ok@example.org","reason":""}""", "reason")]
    [InlineData("""{"email":"ok@example.org"}""", "reason")]
    [InlineData("""{"email":"ok@example.org","reason":42}""", "reason")]
    [InlineData("""[1]""", "body")]
    public async Task Add_BadInput_Answers400NamingTheFieldAndWritesNothing(string body, string field)
    {
        // Act
        var answer = await HttpCalls.CallAsync(HttpCalls.StaffRequest(fixture.Services, "POST", "/api/staff/suppressions", body), r => Functions.AddAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]![field]);
        Assert.Null(await IsListedAsync("ok@example.org"));
    }

    [Fact]
    public async Task Add_ReasonTooLong_Answers400NamingReason()
    {
        // Arrange
        var email = TestLeaders.Unique("long") + "@example.org";
        var body = $$"""{"email":"{{email}}","reason":"{{new string('x', SuppressionService.MaxReasonLength + 1)}}"}""";

        // Act
        var answer = await HttpCalls.CallAsync(HttpCalls.StaffRequest(fixture.Services, "POST", "/api/staff/suppressions", body), r => Functions.AddAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]!["reason"]);
        Assert.Null(await IsListedAsync(email));
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("a@b")]
    public async Task Remove_NotAnAddress_Answers400NamingEmail(string email)
    {
        // Act
        var answer = await HttpCalls.CallAsync(
            HttpCalls.StaffRequest(fixture.Services, "DELETE", "/api/staff/suppressions/x", apiKey: FunctionsFixture.AdminMemberKey),
            r => Functions.RemoveAsync(r, email, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]!["email"]);
    }

    [Fact]
    public async Task List_LimitOutOfRange_Answers400NamingLimit()
    {
        // Act
        var answer = await HttpCalls.CallAsync(HttpCalls.StaffRequest(fixture.Services, "GET", "/api/staff/suppressions?limit=0"), r => Functions.ListAsync(r, default));

        // Assert
        Assert.Equal(400, answer.Status);
        Assert.NotNull(answer.Json["errors"]!["limit"]);
    }

    private HttpRequest Remove(string email) =>
        HttpCalls.StaffRequest(fixture.Services, "DELETE", "/api/staff/suppressions/" + email, apiKey: FunctionsFixture.AdminMemberKey);

    private StaffAuthorizationMiddleware Middleware() => new(fixture.Services.GetRequiredService<StaffAuthenticator>());

    private static string EntryPoint(string method) => typeof(SuppressionFunctions).FullName + "." + method;

    // The entry's reason and source, or null when the address is not listed.
    private async Task<(string Reason, string Source)?> IsListedAsync(string email)
    {
        var hash = EmailAddresses.Hash(email);
        string? continuation = null;
        do
        {
            var page = await fixture.Services.GetRequiredService<SuppressionService>().ListAsync(SuppressionService.MaxPageSize, continuation);
            if (page.Items.FirstOrDefault(entry => entry.EmailHash == hash) is { } entry)
            {
                return (entry.Reason, entry.Source);
            }

            continuation = page.Continuation;
        }
        while (continuation is not null);
        return null;
    }
}
