using Microsoft.Extensions.Options;

namespace Outreach.Functions.Staff;

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
