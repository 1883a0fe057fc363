using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Campaigns;

namespace Outreach.Functions.Campaigns;

/// <summary>Source-generated JSON for the campaign endpoints (camelCase; the status as its name, e.g. <c>Draft</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(CampaignRequest))]
[JsonSerializable(typeof(TestMailRequest))]
[JsonSerializable(typeof(SendRequest))]
[JsonSerializable(typeof(CampaignSummary))]
[JsonSerializable(typeof(IReadOnlyList<CampaignSummary>))]
[JsonSerializable(typeof(CampaignDetails))]
[JsonSerializable(typeof(AudienceView))]
[JsonSerializable(typeof(CampaignPreview))]
public sealed partial class CampaignJsonContext : JsonSerializerContext;
