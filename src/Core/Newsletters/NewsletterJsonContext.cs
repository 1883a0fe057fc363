using System.Text.Json.Serialization;

namespace Outreach.Core.Newsletters;

/// <summary>Source-generated JSON for the schedule state kept in the cursors table.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(NewsletterScheduleState))]
internal sealed partial class NewsletterJsonContext : JsonSerializerContext;
