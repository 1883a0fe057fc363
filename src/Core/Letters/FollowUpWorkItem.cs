using System.Text.Json.Serialization;

namespace Outreach.Core.Letters;

/// <summary>A queue message asking for one leader's follow-up letter (queue <c>follow-up-letters</c>).</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id within the district.</param>
/// <param name="FollowUpNumber">1 for the first follow-up, 2 for the second.</param>
public sealed record FollowUpWorkItem(string District, string LeaderId, int FollowUpNumber);
