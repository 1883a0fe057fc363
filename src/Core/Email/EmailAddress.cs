namespace Outreach.Core.Email;

/// <summary>An address with an optional display name.</summary>
/// <param name="Email">The address.</param>
/// <param name="Name">The display name, or null.</param>
public sealed record EmailAddress(string Email, string? Name = null);
