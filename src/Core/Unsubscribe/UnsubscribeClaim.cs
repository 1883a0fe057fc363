namespace Outreach.Core.Unsubscribe;

/// <summary>What a valid token names.</summary>
/// <param name="District">District code.</param>
/// <param name="EmailHash">The <see cref="Email.EmailAddresses.Hash"/> of the recipient's address.</param>
/// <param name="Category">The category the link opts out of.</param>
public sealed record UnsubscribeClaim(string District, string EmailHash, OptOutCategory Category);
