namespace Outreach.Core.Operations;

/// <summary>A letter whose outcome is unknown, as staff see it to check it in SendGrid's activity.</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id.</param>
/// <param name="Kind">Letter kind: <c>welcome</c>, <c>followup1</c>, <c>followup2</c>.</param>
/// <param name="DeliveryKey">The key the mail carried (SendGrid <c>custom_args</c>), to search for in SendGrid.</param>
/// <param name="Email">The leader's address (what SendGrid's activity is searched by), or null when the leader is gone.</param>
/// <param name="ClaimedAt">When the send was attempted.</param>
/// <param name="Detail">Why the outcome is unknown.</param>
public sealed record UnknownDelivery(string District, string LeaderId, string Kind, string DeliveryKey, string? Email, DateTimeOffset ClaimedAt, string? Detail);
