using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Suppressions;

namespace Outreach.Functions.Suppressions;

/// <summary>Source-generated JSON for the suppression endpoints (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AddSuppressionRequest))]
[JsonSerializable(typeof(SuppressionPage))]
[JsonSerializable(typeof(SuppressionEntry))]
public sealed partial class SuppressionJsonContext : JsonSerializerContext;
