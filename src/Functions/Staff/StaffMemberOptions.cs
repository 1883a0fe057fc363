namespace Outreach.Functions.Staff;

/// <summary>A named staff member with an API key.</summary>
public sealed class StaffMemberOptions
{
    /// <summary>The name recorded in audit events (e.g. "anne.hansen").</summary>
    public string Name { get; set; } = "";

    /// <summary>The member's key (header <c>X-Api-Key</c>), at least <see cref="StaffOptionsValidator.MinimumKeyLength"/> characters.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>Comma-separated roles: <c>Staff</c>, <c>Admin</c>. Default <c>Staff</c>.</summary>
    public string Roles { get; set; } = StaffRoles.Staff;
}
