using System.Text.Json.Serialization;
using Outreach.Core.CampaignSending;

namespace Outreach.Core.Storage;

/// <summary>Source-generated JSON of a batch's frozen recipients (short, camel-case, nulls left out; then compressed).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<CampaignRecipient>))]
internal sealed partial class CampaignRecipientJsonContext : JsonSerializerContext;
