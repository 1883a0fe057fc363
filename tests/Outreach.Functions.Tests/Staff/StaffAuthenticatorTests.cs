using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Functions.Leaders;
using Outreach.Functions.Staff;
using Outreach.Functions.Unsubscribe;

namespace Outreach.Functions.Tests.Staff;

/// <summary>The staff principal: 401 without one, 403 with the wrong role, the person's name and roles otherwise.</summary>
public sealed class StaffAuthenticatorTests
{
    private const string LocalKey = "local-dev-staff-key-0123";
    private const string StaffKey = "staff-member-key-0123456789";
    private const string AdminKey = "admin-member-key-0123456789";

    private static readonly string[] AnyStaff = [StaffRoles.Staff, StaffRoles.Admin];
    private static readonly string[] AdminOnly = [StaffRoles.Admin];

    private static StaffAuthenticator Authenticator(bool trustAppService = false)
    {
        var options = new StaffOptions { ApiKey = LocalKey, TrustAppServiceAuthentication = trustAppService };
        options.Members.Add(new StaffMemberOptions { Name = "sam.staff", ApiKey = StaffKey, Roles = "Staff" });
        options.Members.Add(new StaffMemberOptions { Name = "anne.admin", ApiKey = AdminKey, Roles = "Staff, Admin" });
        return new StaffAuthenticator(Options.Create(options), NullLogger<StaffAuthenticator>.Instance);
    }

    // What a problem result needs to write itself: logging and the problem details service.
    private static readonly IServiceProvider ResultServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    private static DefaultHttpContext Context(string? apiKey = null, string? principalJson = null)
    {
        var context = new DefaultHttpContext { RequestServices = ResultServices };
        context.Response.Body = new MemoryStream();
        if (apiKey is not null)
        {
            context.Request.Headers[StaffAuthenticator.ApiKeyHeader] = apiKey;
        }

        if (principalJson is not null)
        {
            context.Request.Headers[StaffAuthenticator.ClientPrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(principalJson));
        }

        return context;
    }

    private static async Task<Answer> RefusalAsync(IResult? refusal, HttpContext context)
    {
        Assert.NotNull(refusal);
        return await HttpCalls.RunAsync(refusal, context.Request);
    }

    [Fact]
    public void Authorize_LocalKey_IsLocalStaffWithBothRoles()
    {
        // Arrange
        var context = Context(LocalKey);

        // Act
        var refusal = Authenticator().Authorize(context, AnyStaff);

        // Assert
        Assert.Null(refusal);
        Assert.Equal("local-staff", context.User.Identity!.Name);
        Assert.True(context.User.IsInRole("Staff") && context.User.IsInRole("Admin"));
    }

    [Fact]
    public void Authorize_NamedMemberKey_IsThatMember()
    {
        // Arrange
        var context = Context(StaffKey);

        // Act
        var refusal = Authenticator().Authorize(context, AnyStaff);

        // Assert
        Assert.Null(refusal);
        Assert.Equal("sam.staff", context.User.Identity!.Name);
        Assert.Equal(["Staff"], context.User.FindAll(ClaimTypes.Role).Select(claim => claim.Value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(LocalKey + "x")]
    public async Task Authorize_NoOrWrongKey_Answers401ProblemWithAChallenge(string? key)
    {
        // Arrange
        var context = Context(key);

        // Act
        var answer = await RefusalAsync(Authenticator().Authorize(context, AnyStaff), context);

        // Assert
        Assert.Equal(401, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Contains("X-Api-Key", context.Response.Headers.WWWAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.False(context.User.Identity?.IsAuthenticated ?? false);
    }

    [Fact]
    public async Task Authorize_StaffMemberOnAnAdminFunction_Answers403Problem()
    {
        // Arrange
        var context = Context(StaffKey);

        // Act
        var answer = await RefusalAsync(Authenticator().Authorize(context, AdminOnly), context);

        // Assert
        Assert.Equal(403, answer.Status);
        Assert.Equal("application/problem+json", answer.MediaType);
        Assert.Equal(403, JsonNode.Parse(answer.Text)!["status"]!.GetValue<int>());
    }

    [Fact]
    public void Authorize_AdminMemberOnAnAdminFunction_IsLetIn()
    {
        // Arrange
        var context = Context(AdminKey);

        // Act + Assert
        Assert.Null(Authenticator().Authorize(context, AdminOnly));
        Assert.Equal("anne.admin", context.User.Identity!.Name);
    }

    [Fact]
    public void Authorize_TrustedAppServicePrincipalWithAppRole_IsThatPersonWithTheKnownRolesOnly()
    {
        // Arrange
        var context = Context(principalJson: """{"auth_typ":"aad","name_typ":"name","role_typ":"roles","claims":[{"typ":"name","val":"Mette Staff"},{"typ":"roles","val":"Staff"},{"typ":"roles","val":"Owner"}]}""");

        // Act
        var refusal = Authenticator(trustAppService: true).Authorize(context, AnyStaff);

        // Assert
        Assert.Null(refusal);
        Assert.Equal("Mette Staff", context.User.Identity!.Name);
        Assert.Equal(["Staff"], context.User.FindAll(ClaimTypes.Role).Select(claim => claim.Value));
    }

    [Fact]
    public async Task Authorize_TrustedAppServicePrincipalWithoutAnAppRole_Answers403()
    {
        // Arrange
        var context = Context(principalJson: """{"auth_typ":"aad","claims":[{"typ":"name","val":"Guest"},{"typ":"roles","val":"Reader"}]}""");

        // Act
        var answer = await RefusalAsync(Authenticator(trustAppService: true).Authorize(context, AnyStaff), context);

        // Assert
        Assert.Equal(403, answer.Status);
    }

    [Theory]
    [InlineData(false, """{"auth_typ":"aad","claims":[{"typ":"name","val":"mallory"},{"typ":"roles","val":"Admin"}]}""")]
    [InlineData(true, "{not json")]
    [InlineData(true, """{"auth_typ":"aad","claims":[{"typ":"roles","val":"Admin"}]}""")]
    public async Task Authorize_UntrustedMalformedOrNamelessPrincipal_Answers401(bool trusted, string principalJson)
    {
        // Arrange
        var context = Context(principalJson: principalJson);

        // Act
        var answer = await RefusalAsync(Authenticator(trusted).Authorize(context, AnyStaff), context);

        // Assert
        Assert.Equal(401, answer.Status);
    }

    private static string EntryPoint(Type type, string method) => type.FullName + "." + method;

    [Fact]
    public async Task MiddlewareCheck_StaffFunctionWithoutAPrincipal_Answers401()
    {
        // Arrange
        var context = Context();

        // Act
        var refusal = new StaffAuthorizationMiddleware(Authenticator()).Check(EntryPoint(typeof(StaffFunctions), nameof(StaffFunctions.WhoAmI)), context);

        // Assert
        Assert.Equal(401, (await RefusalAsync(refusal, context)).Status);
    }

    [Fact]
    public async Task MiddlewareCheck_StaffFunctionWithAPrincipalWithoutAnAppRole_Answers403()
    {
        // Arrange
        var context = Context(principalJson: """{"auth_typ":"aad","claims":[{"typ":"name","val":"Guest"},{"typ":"roles","val":"Reader"}]}""");

        // Act
        var refusal = new StaffAuthorizationMiddleware(Authenticator(trustAppService: true)).Check(EntryPoint(typeof(LeaderFunctions), nameof(LeaderFunctions.ListAsync)), context);

        // Assert
        Assert.Equal(403, (await RefusalAsync(refusal, context)).Status);
    }

    [Theory]
    [InlineData(StaffKey, null, "sam.staff")]
    [InlineData(null, """{"auth_typ":"aad","claims":[{"typ":"name","val":"Mette Staff"},{"typ":"roles","val":"Admin"}]}""", "Mette Staff")]
    public void MiddlewareCheck_StaffFunctionWithAKeyOrAnAppServicePrincipal_RunsAsThatPerson(string? key, string? principalJson, string name)
    {
        // Arrange
        var context = Context(key, principalJson);

        // Act
        var refusal = new StaffAuthorizationMiddleware(Authenticator(trustAppService: true)).Check(EntryPoint(typeof(StaffFunctions), nameof(StaffFunctions.WhoAmI)), context);

        // Assert
        Assert.Null(refusal);
        Assert.Equal(name, StaffFunctions.WhoAmI(context.Request).Value!.Name);
    }

    [Fact]
    public void MiddlewareCheck_PublicFunctionWithoutAnything_Runs()
    {
        // Act
        var refusal = new StaffAuthorizationMiddleware(Authenticator()).Check(EntryPoint(typeof(UnsubscribeFunctions), nameof(UnsubscribeFunctions.UnsubscribeAsync)), Context());

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public void RequiredRoles_StaffAndPublicFunctions_AreStaffOnlyForStaffFunctions()
    {
        // Act
        var staff = StaffAuthorizationMiddleware.RequiredRoles(typeof(LeaderFunctions).FullName + "." + nameof(LeaderFunctions.ListAsync));
        var open = StaffAuthorizationMiddleware.RequiredRoles(typeof(UnsubscribeFunctions).FullName + "." + nameof(UnsubscribeFunctions.UnsubscribeAsync));

        // Assert
        Assert.Equal(AnyStaff, staff);
        Assert.Null(open);
    }
}
