using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Functions.Staff;

/// <summary>Source-generated JSON for the staff types.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AppServicePrincipal))]
[JsonSerializable(typeof(WhoAmIResponse))]
public sealed partial class StaffJsonContext : JsonSerializerContext;
