using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Functions.Http;

namespace Outreach.Functions.Staff;

/// <summary>
/// Finds the staff member behind a request: App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c> when
/// <see cref="StaffOptions.TrustAppServiceAuthentication"/> is on (Azure), else an <c>X-Api-Key</c> that is the local key or
/// a named member's key (compared in fixed time). Function keys are the host's business; this adds the person.
/// </summary>
public sealed partial class StaffAuthenticator(IOptions<StaffOptions> options, ILogger<StaffAuthenticator> logger)
{
    /// <summary>The header carrying an API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The header App Service authentication writes for a signed-in user (base64 of a JSON principal).</summary>
    public const string ClientPrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    private readonly StaffOptions staff = options.Value;

    /// <summary>
    /// Authenticates the request and checks that the principal has one of <paramref name="allowedRoles"/>. On success the
    /// principal becomes <see cref="HttpContext.User"/> and the answer is null; otherwise the answer is a 401 or 403 problem.
    /// </summary>
    public IResult? Authorize(HttpContext context, IReadOnlyCollection<string> allowedRoles)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(allowedRoles);
        if (Authenticate(context.Request) is not { } principal)
        {
            context.Response.Headers.WWWAuthenticate = "ApiKey header=\"" + ApiKeyHeader + "\"";
            return Problems.Status(StatusCodes.Status401Unauthorized, "Staff sign-in required", "Send a staff API key in X-Api-Key, or sign in with App Service authentication.");
        }

        if (!allowedRoles.Any(principal.IsInRole))
        {
            LogMissingRole(logger, string.Join(",", allowedRoles));
            return Problems.Status(StatusCodes.Status403Forbidden, "Not allowed", "This needs the role " + string.Join(" or ", allowedRoles) + ".");
        }

        context.User = principal;
        return null;
    }

    /// <summary>The staff principal of the request, or null when it carries none (or a wrong one).</summary>
    public ClaimsPrincipal? Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (staff.TrustAppServiceAuthentication && request.Headers.TryGetValue(ClientPrincipalHeader, out var principalHeader))
        {
            return FromAppServicePrincipal(principalHeader.ToString());
        }

        if (!request.Headers.TryGetValue(ApiKeyHeader, out var keyHeader))
        {
            return null;
        }

        if (FindByKey(keyHeader.ToString()) is not { } member)
        {
            LogUnknownKey(logger);
            return null;
        }

        return Principal(member.Name, member.Roles, "ApiKey");
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

    private ClaimsPrincipal? FromAppServicePrincipal(string header)
    {
        AppServicePrincipal? principal;
        try
        {
            principal = JsonSerializer.Deserialize(Convert.FromBase64String(header), StaffJsonContext.Default.AppServicePrincipal);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            LogBadPrincipal(logger, exception);
            return null;
        }

        var claims = principal?.Claims ?? [];
        var nameType = principal?.NameType ?? ClaimTypes.Name;
        var roleType = principal?.RoleType ?? ClaimTypes.Role;
        var name = claims.FirstOrDefault(c => c.Type == nameType)?.Value
            ?? claims.FirstOrDefault(c => c.Type is "preferred_username" or "name")?.Value;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        // Entra app roles arrive as "roles" claims; only the roles this API knows are kept.
        var roles = claims
            .Where(c => c.Type == roleType || c.Type == "roles")
            .Select(c => c.Value)
            .Where(role => StaffRoles.All.Contains(role, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return Principal(name, roles, principal?.AuthenticationType ?? "AppService");
    }

    private static ClaimsPrincipal Principal(string name, IReadOnlyList<string> roles, string authenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "A staff request carried an API key that matches no staff key")]
    private static partial void LogUnknownKey(ILogger logger);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "A staff request carried a malformed X-MS-CLIENT-PRINCIPAL header")]
    private static partial void LogBadPrincipal(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "A staff member without the role {Roles} was refused")]
    private static partial void LogMissingRole(ILogger logger, string roles);
}
