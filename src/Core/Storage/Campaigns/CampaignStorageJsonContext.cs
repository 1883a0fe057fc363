using System.Text.Json.Serialization;
using Outreach.Core.Campaigns;

namespace Outreach.Core.Storage;

/// <summary>
/// Source-generated JSON for the parts of a campaign stored as text in the <c>campaigns</c> table (content, audience,
/// history, editors). Enums by name, so a stored campaign reads the same if an enum's numbers ever change.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CampaignContent))]
[JsonSerializable(typeof(CampaignAudience))]
[JsonSerializable(typeof(List<CampaignEvent>))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CampaignStorageJsonContext : JsonSerializerContext;
