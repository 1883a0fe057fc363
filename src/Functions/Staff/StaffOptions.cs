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
