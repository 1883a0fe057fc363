using System.Text.Json.Serialization;

namespace Outreach.Core.ProviderEvents;

/// <summary>Source-generated JSON for the Event Webhook's body: an array of events, unknown fields ignored.</summary>
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(List<ProviderEvent>))]
internal sealed partial class ProviderEventJsonContext : JsonSerializerContext;
