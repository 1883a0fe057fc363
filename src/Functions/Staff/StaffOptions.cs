using Microsoft.Extensions.Options;

namespace Outreach.Functions.Staff;

/// <summary>Who may call the staff API, bound from <c>Outreach:Staff</c>.</summary>
public sealed class StaffOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Outreach:Staff";

    /// <summary>One local key (header <c>X-Api-Key</c>) for a developer's machine; its identity is <see cref="LocalStaffName"/>.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Named staff members, each with an own key, so that audit and the four-eyes rule work without Entra ID.</summary>
    public IList<StaffMemberOptions> Members { get; } = new List<StaffMemberOptions>();

    /// <summary>
    /// Accept App Service authentication's <c>X-MS-CLIENT-PRINCIPAL</c> header. Only set this in Azure with App Service
    /// authentication on: the platform then strips any client-sent copy of the header and writes the signed-in user's.
    /// </summary>
    public bool TrustAppServiceAuthentication { get; set; }

    /// <summary>The identity of <see cref="ApiKey"/>.</summary>
    public const string LocalStaffName = "local-staff";
}

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

/// <summary>Validates <see cref="StaffOptions"/> at start: a misconfigured key must stop the app, not lock staff out silently.</summary>
public sealed class StaffOptionsValidator : IValidateOptions<StaffOptions>
{
    /// <summary>Keys shorter than this are refused (they could be guessed).</summary>
    public const int MinimumKeyLength = 16;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(options.ApiKey))
        {
            if (options.ApiKey.Length < MinimumKeyLength)
            {
                failures.Add($"Outreach:Staff:ApiKey must have at least {MinimumKeyLength} characters.");
            }

            keys.Add(options.ApiKey);
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { StaffOptions.LocalStaffName };
        for (var index = 0; index < options.Members.Count; index++)
        {
            var member = options.Members[index];
            var at = $"Outreach:Staff:Members:{index}";
            if (string.IsNullOrWhiteSpace(member.Name))
            {
                failures.Add($"{at}:Name is required.");
            }
            else if (!names.Add(member.Name))
            {
                failures.Add($"{at}:Name '{member.Name}' is used twice (or is the reserved '{StaffOptions.LocalStaffName}').");
            }

            if (member.ApiKey is null || member.ApiKey.Length < MinimumKeyLength)
            {
                failures.Add($"{at}:ApiKey must have at least {MinimumKeyLength} characters.");
            }
            else if (!keys.Add(member.ApiKey))
            {
                failures.Add($"{at}:ApiKey is the same as another key; every member needs an own key.");
            }

            var roles = StaffRoles.Parse(member.Roles);
            if (roles.Count == 0)
            {
                failures.Add($"{at}:Roles is empty; use Staff, Admin or both (comma-separated).");
            }

            foreach (var role in roles.Where(role => !StaffRoles.All.Contains(role, StringComparer.Ordinal)))
            {
                failures.Add($"{at}:Roles has the unknown role '{role}'; use Staff or Admin.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
