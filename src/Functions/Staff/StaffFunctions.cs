using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;

namespace Outreach.Functions.Staff;

/// <summary>The staff API's own functions: who the caller is.</summary>
public sealed class StaffFunctions
{
    /// <summary><c>GET /api/staff/whoami</c>: the caller's name and roles as the API sees them.</summary>
    [Function("WhoAmI")]
    [StaffAuthorize]
    public static Ok<WhoAmIResponse> WhoAmI([HttpTrigger(AuthorizationLevel.Function, "get", Route = "staff/whoami")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = request.HttpContext.User;
        return TypedResults.Ok(new WhoAmIResponse(user.Identity?.Name ?? "", user.FindAll(ClaimTypes.Role).Select(claim => claim.Value).ToList()));
    }
}
