namespace Outreach.Functions.Staff;

/// <summary>The roles of the staff API.</summary>
public static class StaffRoles
{
    /// <summary>Everyday staff work: leaders, imports, campaigns.</summary>
    public const string Staff = "Staff";

    /// <summary>Data protection (exports, erasure) and approvals that need the admin role.</summary>
    public const string Admin = "Admin";

    /// <summary>Every known role.</summary>
    public static IReadOnlyList<string> All { get; } = [Staff, Admin];

    /// <summary>Splits a comma-separated role list.</summary>
    public static IReadOnlyList<string> Parse(string? roles) =>
        (roles ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
