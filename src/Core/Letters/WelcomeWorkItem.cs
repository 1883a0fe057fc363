using System.Text.Json.Serialization;

namespace Outreach.Core.Letters;

/// <summary>A queue message asking for one leader's welcome letter (queue <c>welcome-letters</c>).</summary>
/// <param name="District">District code.</param>
/// <param name="LeaderId">Leader id within the district.</param>
public sealed record WelcomeWorkItem(string District, string LeaderId);
