using System.Text.Json.Serialization;

namespace Outreach.Core.Letters;

/// <summary>Source-generated JSON for the work items (queue message bodies are this JSON).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(WelcomeWorkItem))]
[JsonSerializable(typeof(FollowUpWorkItem))]
public sealed partial class WorkItemJsonContext : JsonSerializerContext;
