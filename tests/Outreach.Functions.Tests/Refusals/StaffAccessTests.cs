using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Functions.Staff;

namespace Outreach.Functions.Tests.Refusals;

/// <summary>
/// Who gets into the staff functions, for every one of them (found by reflection): nobody without a staff principal, and
/// nobody without the role; the Admin-only functions are an explicit list, so a change of role is a visible decision.
/// </summary>
[Collection(FunctionsTestGroup.Name)]
public sealed class StaffAccessTests(FunctionsFixture fixture)
{
    /// <summary>
    /// The functions only an admin may call (DESIGN §5; issue 11: erasure, export, suppression removal, poison queues).
    /// Issue 10 adds none: campaigns, newsletters and recipient lists are everyday staff work, and the second pair of eyes
    /// on a chair-signed letter is the four-eyes rule (another staff member), not a role. Deleting a recipient list stays
    /// Staff too: it is staff's own upload, not a person's erasure, and a sending campaign froze its audience already.
    /// </summary>
    private static readonly string[] AdminOnly = ["DiscardPoisonMessage", "ErasePersonalData", "ExportPersonalData", "ListPoisonMessages", "RemoveSuppression", "RequeuePoisonMessage"];

    public static TheoryData<string> StaffFunctionNames() => [.. FunctionCatalog.StaffFunctions.Select(FunctionCatalog.NameOf)];

    public static TheoryData<string> AdminFunctionNames() => [.. AdminOnly];

    public static TheoryData<string> StaffLevelFunctionNames() => [.. FunctionCatalog.StaffFunctions.Select(FunctionCatalog.NameOf).Except(AdminOnly)];

    [Theory]
    [MemberData(nameof(StaffFunctionNames))]
    public async Task Middleware_NoPrincipal_Answers401Problem(string function)
    {
        // Arrange
        var http = Context(apiKey: null);

        // Act
        var answer = await RefusalAsync(function, http);

        // Assert
        Assert.Equal(401, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.False(string.IsNullOrEmpty(http.Response.Headers.WWWAuthenticate));
    }

    [Theory]
    [MemberData(nameof(StaffFunctionNames))]
    public async Task Middleware_UnknownKey_Answers401Problem(string function)
    {
        // Act
        var answer = await RefusalAsync(function, Context(apiKey: "not-a-staff-key-0123456789"));

        // Assert
        Assert.Equal(401, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Theory]
    [MemberData(nameof(AdminFunctionNames))]
    public async Task Middleware_StaffOnlyKeyOnAdminFunction_Answers403Problem(string function)
    {
        // Act
        var answer = await RefusalAsync(function, Context(FunctionsFixture.StaffMemberKey));

        // Assert
        Assert.Equal(403, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
    }

    [Theory]
    [MemberData(nameof(AdminFunctionNames))]
    public void Middleware_AdminKeyOnAdminFunction_LetsIn(string function)
    {
        // Act
        var refusal = Check(function, Context(FunctionsFixture.AdminMemberKey));

        // Assert
        Assert.Null(refusal);
    }

    [Theory]
    [MemberData(nameof(StaffLevelFunctionNames))]
    public void Middleware_StaffOnlyKeyOnStaffFunction_LetsIn(string function)
    {
        // Act
        var refusal = Check(function, Context(FunctionsFixture.StaffMemberKey));

        // Assert
        Assert.Null(refusal);
    }

    [Theory]
    [InlineData("CreateCampaign")]
    [InlineData("ApproveCampaign")]
    [InlineData("SendCampaign")]
    [InlineData("ApproveNewsletter")]
    [InlineData("UploadRecipientList")]
    [InlineData("DeleteRecipientList")]
    public void Middleware_StaffOnlyKeyOnCampaignWork_LetsIn(string function)
    {
        // Act: the four-eyes rule needs two ordinary staff members, so none of this may need the Admin role.
        var refusal = Check(function, Context(FunctionsFixture.StaffMemberKey));

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public void AdminOnlyFunctions_AreExactlyTheDecidedList()
    {
        // Act
        var adminOnly = FunctionCatalog.StaffFunctions
            .Where(method => !StaffAuthorizationMiddleware.RequiredRoles(FunctionCatalog.EntryPointOf(method))!.Contains(StaffRoles.Staff))
            .Select(FunctionCatalog.NameOf)
            .Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(AdminOnly, adminOnly);
    }

    [Fact]
    public void HttpFunctions_UnderStaffRoute_AreStaffFunctionsBehindAFunctionKey()
    {
        // Arrange
        var underStaff = FunctionCatalog.HttpFunctions.Where(method => FunctionCatalog.TriggerOf(method).Route?.StartsWith("staff/", StringComparison.Ordinal) == true).ToList();

        // Assert: the catalog found the staff API, and every function of it is guarded twice.
        Assert.Contains(underStaff, method => FunctionCatalog.NameOf(method) == "WhoAmI");
        Assert.All(underStaff, method =>
        {
            Assert.NotNull(StaffAuthorizationMiddleware.RequiredRoles(FunctionCatalog.EntryPointOf(method)));
            Assert.Equal(AuthorizationLevel.Function, FunctionCatalog.TriggerOf(method).AuthLevel);
        });
    }

    private DefaultHttpContext Context(string? apiKey)
    {
        var http = new DefaultHttpContext { RequestServices = fixture.Services };
        http.Response.Body = new MemoryStream();
        if (apiKey is not null)
        {
            http.Request.Headers[StaffAuthenticator.ApiKeyHeader] = apiKey;
        }

        return http;
    }

    // The middleware's refusal, or null when it lets the request through to the function.
    private IResult? Check(string function, HttpContext http) =>
        new StaffAuthorizationMiddleware(fixture.Services.GetRequiredService<StaffAuthenticator>()).Check(FunctionCatalog.EntryPoint(function), http);

    // The middleware's refusal as the caller sees it.
    private async Task<Answer> RefusalAsync(string function, HttpContext http)
    {
        var refusal = Check(function, http);
        Assert.NotNull(refusal);
        return await HttpCalls.RunAsync(refusal, http.Request);
    }
}
