namespace Outreach.Core.Suppressions;

/// <summary>One suppressed address as staff see it.</summary>
/// <param name="EmailHash">The key: the hash of the normalised address.</param>
/// <param name="Email">The address, when it is kept (entries made by erasure keep only the hash).</param>
/// <param name="Reason">Why it is suppressed.</param>
/// <param name="Source">Who or what suppressed it: <c>sendgrid</c>, or the staff member's name.</param>
/// <param name="At">When.</param>
public sealed record SuppressionEntry(string EmailHash, string? Email, string Reason, string Source, DateTimeOffset? At);
