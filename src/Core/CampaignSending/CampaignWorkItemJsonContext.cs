using System.Text.Json.Serialization;

namespace Outreach.Core.CampaignSending;

/// <summary>Source-generated JSON for the campaign work items (queue message bodies are this JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CampaignPlanWorkItem))]
[JsonSerializable(typeof(CampaignBatchWorkItem))]
public sealed partial class CampaignWorkItemJsonContext : JsonSerializerContext;
