using System.Text.Json;
using System.Text.Json.Serialization;
using Outreach.Core.Discovery;
using Outreach.Core.Leaders;
using Outreach.Core.Operations;

namespace Outreach.Functions.Operations;

/// <summary>Source-generated JSON for the staff operations (enums as their names, camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<UnknownDelivery>))]
[JsonSerializable(typeof(IReadOnlyList<PoisonMessageView>))]
[JsonSerializable(typeof(ResolveDeliveryRequest))]
[JsonSerializable(typeof(ManualLeader))]
[JsonSerializable(typeof(LeaderView))]
public sealed partial class OperationsJsonContext : JsonSerializerContext;
