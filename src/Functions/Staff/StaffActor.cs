using Microsoft.AspNetCore.Http;

namespace Outreach.Functions.Staff;

/// <summary>The name that audit events record for the staff member behind a request.</summary>
public static class StaffActor
{
    /// <summary>The authenticated staff member's name (set by <see cref="StaffAuthorizationMiddleware"/>), or <c>staff</c>.</summary>
    public static string Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HttpContext.User.Identity?.Name is { Length: > 0 } name ? name : "staff";
    }
}
