using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Core.Privacy;

/// <summary>Source-generated JSON for the export and the erasure answers (camelCase, enums as names).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, WriteIndented = true)]
[JsonSerializable(typeof(PersonalDataExport))]
[JsonSerializable(typeof(ErasureCounts))]
[JsonSerializable(typeof(PrivacyAuditEntry))]
public sealed partial class PrivacyJsonContext : JsonSerializerContext;
