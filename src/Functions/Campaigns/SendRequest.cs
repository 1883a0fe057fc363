namespace Outreach.Functions.Campaigns;

/// <summary>The body of <c>POST …/{id}/send</c>; an empty body sends now.</summary>
/// <param name="At">When to send, ISO 8601 with an offset (e.g. <c>2027-01-05T09:00:00+01:00</c>); null or past sends now.</param>
public sealed record SendRequest(string? At);
