using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Newsletters;
using Outreach.Functions.Campaigns;

namespace Outreach.Functions.Newsletters;

/// <summary>Source-generated JSON for the newsletter endpoints (camelCase; the status as its name, e.g. <c>Draft</c>).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(NewsletterRequest))]
[JsonSerializable(typeof(NewsletterScheduleStatus))]
[JsonSerializable(typeof(CampaignSummary))]
[JsonSerializable(typeof(IReadOnlyList<CampaignSummary>))]
[JsonSerializable(typeof(CampaignDetails))]
public sealed partial class NewsletterJsonContext : JsonSerializerContext;
