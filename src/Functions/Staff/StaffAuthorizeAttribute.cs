namespace Outreach.Functions.Staff;

/// <summary>
/// Marks an HTTP function as a staff function: <see cref="StaffAuthorizationMiddleware"/> lets a request in only with a
/// staff principal holding one of <see cref="Roles"/>. The host's function key is checked before that.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class StaffAuthorizeAttribute : Attribute
{
    /// <summary>Any staff member: role Staff or Admin.</summary>
    public StaffAuthorizeAttribute()
        : this(StaffRoles.Staff, StaffRoles.Admin)
    {
    }

    /// <summary>Only principals with one of <paramref name="roles"/>.</summary>
    public StaffAuthorizeAttribute(params string[] roles) => Roles = roles;

    /// <summary>The roles of which the principal needs one.</summary>
    public IReadOnlyList<string> Roles { get; }
}
