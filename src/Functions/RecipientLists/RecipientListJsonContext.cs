using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.RecipientLists;

namespace Outreach.Functions.RecipientLists;

/// <summary>Source-generated JSON for the recipient-list endpoints (camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecipientListCreated))]
[JsonSerializable(typeof(RecipientList))]
[JsonSerializable(typeof(IReadOnlyList<RecipientList>))]
public sealed partial class RecipientListJsonContext : JsonSerializerContext;
