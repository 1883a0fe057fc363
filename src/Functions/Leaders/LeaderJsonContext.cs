using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Outreach.Core.Leaders;
using Outreach.Functions.Imports;

namespace Outreach.Functions.Leaders;

/// <summary>Source-generated JSON for the staff API's types (enums as their names, camelCase).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(IReadOnlyList<LeaderView>))]
[JsonSerializable(typeof(LeaderView))]
[JsonSerializable(typeof(IReadOnlyList<LeaderEventView>))]
[JsonSerializable(typeof(FunnelReport))]
[JsonSerializable(typeof(DecisionRequest))]
[JsonSerializable(typeof(ImportResult))]
[JsonSerializable(typeof(MembershipImportResult))]
[JsonSerializable(typeof(List<ProblemRow>))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
public sealed partial class LeaderJsonContext : JsonSerializerContext;
