using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Outreach.Functions.Staff;

/// <summary>
/// Authenticates staff by <c>X-Api-Key</c> (the local key or a named member's key, compared in fixed time) or, when
/// <see cref="StaffOptions.TrustAppServiceAuthentication"/> is on, by App Service authentication's
/// <c>X-MS-CLIENT-PRINCIPAL</c>. Function keys are checked by the host before a request gets here; this adds the person.
/// </summary>
public sealed partial class StaffAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<StaffOptions> staffOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    /// <summary>The authentication scheme name.</summary>
    public const string SchemeName = "Staff";

    /// <summary>The header carrying an API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The header App Service authentication writes for a signed-in user (base64 of a JSON principal).</summary>
    public const string ClientPrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private readonly StaffOptions staff = staffOptions.Value;

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (staff.TrustAppServiceAuthentication && Request.Headers.TryGetValue(ClientPrincipalHeader, out var principalHeader))
        {
            return Task.FromResult(AuthenticatePrincipal(principalHeader.ToString()));
        }

        if (!Request.Headers.TryGetValue(ApiKeyHeader, out var keyHeader))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (FindByKey(keyHeader.ToString()) is not { } member)
        {
            LogUnknownKey(Logger);
            return Task.FromResult(AuthenticateResult.Fail("The API key is not a staff key."));
        }

        return Task.FromResult(Success(member.Name, member.Roles, "ApiKey"));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"" + ApiKeyHeader + "\"";
        return Task.CompletedTask;
    }

    private (string Name, IReadOnlyList<string> Roles)? FindByKey(string presented)
    {
        // Compare hashes so that every comparison has one length, and look at every key so that timing reveals nothing.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        (string Name, IReadOnlyList<string> Roles)? found = null;
        if (!string.IsNullOrEmpty(staff.ApiKey) && Matches(presentedHash, staff.ApiKey))
        {
            found = (StaffOptions.LocalStaffName, StaffRoles.All);
        }

        foreach (var member in staff.Members)
        {
            if (Matches(presentedHash, member.ApiKey))
            {
                found = (member.Name, StaffRoles.Parse(member.Roles));
            }
        }

        return found;
    }

    private static bool Matches(byte[] presentedHash, string configuredKey) =>
        CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(configuredKey)));

    private AuthenticateResult AuthenticatePrincipal(string header)
    {
        AppServicePrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize(Convert.FromBase64String(header), StaffJsonContext.Default.AppServicePrincipal);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            LogBadPrincipal(Logger, exception);
            return AuthenticateResult.Fail("The App Service client principal is malformed.");
        }

        var claims = principal?.Claims ?? [];
        var nameType = principal?.NameType ?? ClaimTypes.Name;
        var roleType = principal?.RoleType ?? ClaimTypes.Role;
        var name = claims.FirstOrDefault(c => c.Type == nameType)?.Value
            ?? claims.FirstOrDefault(c => c.Type is "preferred_username" or "name")?.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return AuthenticateResult.Fail("The App Service client principal has no name.");
        }

        // Entra app roles arrive as "roles" claims; only the roles this API knows are kept.
        var roles = claims
            .Where(c => c.Type == roleType || c.Type == "roles")
            .Select(c => c.Value)
            .Where(role => StaffRoles.All.Contains(role, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return Success(name, roles, principal?.AuthenticationType ?? "AppService");
    }

    private static AuthenticateResult Success(string name, IReadOnlyList<string> roles, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "A staff request carried an API key that matches no staff key")]
    private static partial void LogUnknownKey(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "A staff request carried a malformed X-MS-CLIENT-PRINCIPAL header")]
    private static partial void LogBadPrincipal(ILogger logger, Exception exception);
}

/// <summary>App Service authentication's client principal (the decoded <c>X-MS-CLIENT-PRINCIPAL</c> header).</summary>
public sealed record AppServicePrincipal(
    [property: JsonPropertyName("auth_typ")] string? AuthenticationType,
    [property: JsonPropertyName("name_typ")] string? NameType,
    [property: JsonPropertyName("role_typ")] string? RoleType,
    [property: JsonPropertyName("claims")] IReadOnlyList<AppServiceClaim>? Claims);

/// <summary>One claim of <see cref="AppServicePrincipal"/>.</summary>
public sealed record AppServiceClaim(
    [property: JsonPropertyName("typ")] string Type,
    [property: JsonPropertyName("val")] string Value);

/// <summary>The authorization policies of the staff API.</summary>
public static class StaffPolicies
{
    /// <summary>Any authenticated staff member (role Staff or Admin).</summary>
    public const string Staff = "Staff";

    /// <summary>Admins only: exports, erasure.</summary>
    public const string Admin = "Admin";
}

/// <summary>What <c>GET /api/staff/whoami</c> answers.</summary>
/// <param name="Name">The staff member's name as recorded in audit events.</param>
/// <param name="Roles">The member's roles.</param>
public sealed record WhoAmIResponse(string Name, IReadOnlyList<string> Roles);

/// <summary>Source-generated JSON for the staff types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AppServicePrincipal))]
[JsonSerializable(typeof(WhoAmIResponse))]
public sealed partial class StaffJsonContext : JsonSerializerContext;

/// <summary>Registers staff authentication and authorization and maps the staff API's own endpoints.</summary>
public static class StaffServiceCollectionExtensions
{
    /// <summary>Binds and validates <c>Outreach:Staff</c>, adds the Staff scheme and the Staff/Admin policies.</summary>
    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StaffOptions>().Bind(configuration.GetSection(StaffOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StaffOptions>, StaffOptionsValidator>();
        services.AddAuthentication(StaffAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, StaffAuthenticationHandler>(StaffAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(StaffPolicies.Staff, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Staff, StaffRoles.Admin))
            .AddPolicy(StaffPolicies.Admin, policy => policy.RequireAuthenticatedUser().RequireRole(StaffRoles.Admin));
        return services;
    }

    /// <summary>Maps <c>GET whoami</c> onto the staff group.</summary>
    public static RouteGroupBuilder MapStaffEndpoints(this RouteGroupBuilder staff)
    {
        staff.MapGet("/whoami", (ClaimsPrincipal user) => TypedResults.Ok(new WhoAmIResponse(
                user.Identity?.Name ?? "",
                user.FindAll(ClaimTypes.Role).Select(claim => claim.Value).ToList())))
            .WithTags("Staff")
            .WithName("WhoAmI");
        return staff;
    }
}

/// <summary>The staff API's OpenAPI description, for the people and tools that call it.</summary>
public static class StaffOpenApi
{
    /// <summary>The document's name (its URL is <c>/api/staff/openapi/staff.json</c>).</summary>
    public const string DocumentName = "staff";

    /// <summary>Serves the document inside the staff group, so it needs the same key as the API it describes.</summary>
    public static RouteGroupBuilder MapStaffOpenApi(this RouteGroupBuilder staff)
    {
        staff.MapOpenApi("/openapi/{documentName}.json");
        return staff;
    }
}
